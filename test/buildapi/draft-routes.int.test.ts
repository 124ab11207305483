import type { FastifyInstance } from 'fastify';
import {
  ARCH,
  OTHER_ARCH,
  WIDGET as widget,
  expectDraftProblem,
  getWithBody as getWith,
  startDraftApp,
  type DraftApp,
} from '../support/draft-app.js';

// The build API as ad-build's scripts and draft call it: root paths, a GET's JSON body, `arch` and `url`, the
// draft's answer and error members, the newest image of an architecture (a real SQLite catalog, a filesystem
// store holding a real tarball; draft-writes.int.test.ts has the multipart POST image and key-less callers).
const REGISTRY = process.env.STACKHOOK_TEST_REGISTRY!;
let service: DraftApp;
let app: FastifyInstance;
let owner: string;
let tarball: Buffer;

beforeAll(async () => {
  service = await startDraftApp();
  ({ app, owner, tarball } = service);
});
afterAll(async () => {
  await service?.close();
});

const getWithBody = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  getWith(app, url, body, headers);
const keyed = () => ({ authorization: `Bearer ${service.writer}` });

describe('the build API at the root and under /build', () => {
  it.each([
    ['/component?component=widget&tag=v1.0&architecture=' + ARCH, undefined],
    ['/build/component?component=widget&tag=v1.0&arch=' + ARCH, undefined],
    ['/component', { ...widget, arch: ARCH }],
    ['/build/component', { ...widget, architecture: ARCH }],
    ['/component?component=widget', { tag: 'v1.0', arch: ARCH, architecture: ARCH }],
  ])('GET %s (body %j) answers the stored tarball', async (url, body) => {
    const answer = body ? await getWithBody(url, body) : await app.inject({ url, headers: keyed() });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/gzip');
    expect(answer.rawPayload.equals(tarball)).toBe(true);
  });

  it.each([
    [
      'arch and architecture differ',
      { ...widget, arch: ARCH, architecture: OTHER_ARCH },
      400,
      'arch (' + ARCH,
    ],
    ['the query and the body differ', { tag: 'v2.0', architecture: ARCH }, 400, 'tag: the query says v1.0'],
    ['an array body', [widget], 400, 'a JSON object'],
    ['a body that is not JSON', '{"component": ', 400, 'not JSON'],
    [
      'an object as a value',
      { ...widget, architecture: ARCH, extra: { a: 1 } },
      400,
      'extra must be a string',
    ],
    ['an unknown field', { ...widget, architecture: ARCH, context: '/' }, 400, 'context'],
    ['an architecture it does not know', { ...widget, arch: 'rocky9' }, 400, 'architecture'],
    ['a body over 16 KiB', { ...widget, architecture: ARCH, pad: 'x'.repeat(17_000) }, 413, 'at most 16384'],
  ])(
    'refuses a GET whose JSON body has %s, with the draft’s error members',
    async (_label, body, status, detail) => {
      const answer = await getWithBody('/component?tag=v1.0', body);
      expect(answer.statusCode).toBe(status);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expectDraftProblem(answer.json(), status, detail);
    },
  );

  it.each(['constructor', 'toString', '__proto__'])(
    'refuses a GET whose JSON body names %s as an unknown field, not as what every object has',
    async (name) => {
      const body = `{"component": "widget", "architecture": "${ARCH}", "${name}": "x"}`;
      const answer = await getWithBody('/component?tag=v1.0', body);
      expect(answer.statusCode).toBe(400);
      expect(answer.json().detail).not.toContain('the query says');
      expect(answer.json().detail).toContain(`unknown field "${name}"`);
    },
  );

  it('reads a GET’s body as JSON only (415 otherwise)', async () => {
    const answer = await getWithBody('/component', JSON.stringify(widget), { 'content-type': 'text/plain' });
    expect(answer.statusCode).toBe(415);
    expectDraftProblem(answer.json(), 415, 'application/json');
  });

  it('answers a missing component 404 with the draft’s members', async () => {
    const answer = await getWithBody('/component', { component: 'nothing', tag: 'v1.0', arch: ARCH });
    expect(answer.statusCode).toBe(404);
    expectDraftProblem(answer.json(), 404, 'no component nothing v1.0');
  });

  it('takes `url` for git_url: POST /component of a stored component answers it with the draft’s status', async () => {
    const answer = await app.inject({
      method: 'POST',
      url: '/component',
      headers: keyed(),
      payload: { ...widget, arch: ARCH, url: 'file:///nowhere' },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({
      ...widget,
      architecture: ARCH,
      status: 'Component exists',
      md5: expect.any(String),
    });
    const both = await app.inject({
      method: 'POST',
      url: '/build/component',
      headers: keyed(),
      payload: { ...widget, architecture: ARCH, url: 'file:///a', git_url: 'file:///b' },
    });
    expect(both.statusCode).toBe(400);
    expectDraftProblem(both.json(), 400, 'url (file:///a) and git_url (file:///b) differ');
  });

  it('serves /jobs/{id} at the root: an unknown job is the route’s 404, not “no route”', async () => {
    const answer = await app.inject('/jobs/00000000-0000-4000-8000-000000000000/log');
    expect(answer.statusCode).toBe(404);
    expect(answer.json().detail).not.toContain('no route');
    expect(answer.json().errorMessage).toBe(answer.json().detail);
  });

  it('leaves other root paths alone and lists each route once in OpenAPI, under /build', async () => {
    expect((await app.inject('/components')).json().detail).toContain('no route GET /components');
    const openapi = (await app.inject('/openapi.json')).json() as {
      paths: Record<string, Record<string, { description?: string }>>;
    };
    const paths = Object.keys(openapi.paths);
    expect(openapi.paths['/build/jobs/{id}/log']?.get?.description).toBe('also served at /jobs/:id/log');
    expect(openapi.paths['/build/image']?.post?.description).toContain('; also served at /image');
    expect(paths).toEqual(expect.arrayContaining(['/build/component', '/build/image', '/build/jobs/{id}']));
    expect(paths).not.toContain('/component');
    expect(paths).not.toContain('/image');
  });
});

describe('GET /image', () => {
  const register = async (branch: string, tag: string, digit: string, architecture = ARCH) => {
    const actor = { user: 'wendy', role: 'writer' as const };
    const { tag: swtag } = await app.catalog.swtags.add(
      {
        tagtype: 'build',
        imagetype: 'gadget',
        imagearch: architecture,
        imageplatform: 'linux',
        imagecompiler: 'none',
        prodstep: branch,
        swrelease: tag,
        dbrelease: 'none',
        distswrelease: branch,
        version: '1',
      },
      actor,
    );
    await app.catalog.images.add(
      {
        registry: REGISTRY,
        repository_user: owner,
        repository_name: `gadget-${branch}-image`,
        repository_swtag: swtag.tagname,
        hash_digest: `sha256:${digit.repeat(64)}`,
      },
      actor,
    );
  };

  it('answers the newest image of a component, branch and architecture, with the draft’s members', async () => {
    await register('main', `${ARCH}-sha-aaaaaaaaaaaa`, 'a');
    await register('main', `${ARCH}-sha-bbbbbbbbbbbb`, 'b');
    await register('main', `${OTHER_ARCH}-sha-cccccccccccc`, 'c', OTHER_ARCH);
    await register('dev', `${ARCH}-sha-dddddddddddd`, 'd');
    const repository = `${REGISTRY}/${owner}/gadget-main-image`;
    for (const answer of [
      await app.inject(`/image?component=gadget&branch=main&architecture=${ARCH}`),
      await getWithBody('/build/image', { component: 'gadget', branch: 'main', arch: ARCH }),
    ]) {
      expect(answer.statusCode).toBe(200);
      expect(answer.json()).toMatchObject({
        name: 'gadget-main-image',
        tag: `${ARCH}-sha-bbbbbbbbbbbb`,
        reference: `${repository}:${ARCH}-sha-bbbbbbbbbbbb`,
        digest: `sha256:${'b'.repeat(64)}`,
        pull: `podman pull ${repository}@sha256:${'b'.repeat(64)}`,
        imageName: `${repository}:${ARCH}-sha-bbbbbbbbbbbb`,
        status: `Image exists: ${repository}:${ARCH}-sha-bbbbbbbbbbbb`,
        errorMessage: null,
      });
    }
    const other = await app.inject(`/image?component=gadget&branch=main&arch=${OTHER_ARCH}`);
    expect(other.json()).toMatchObject({ digest: `sha256:${'c'.repeat(64)}` });
  });

  it('answers 404 with the draft’s members when there is none, 400 without tag or architecture', async () => {
    const none = await app.inject(`/image?component=gadget&branch=nothing&architecture=${ARCH}`);
    expect(none.statusCode).toBe(404);
    expectDraftProblem(none.json(), 404, `no image gadget-nothing-image for ${ARCH}`);
    const byTag = await app.inject('/image?component=gadget&branch=main&tag=x86_64-sha-000000000000');
    expect(byTag.statusCode).toBe(404);
    expectDraftProblem(byTag.json(), 404, 'no image gadget-main-image:x86_64-sha-000000000000');
    const neither = await app.inject('/image?component=gadget&branch=main');
    expect(neither.statusCode).toBe(400);
    expectDraftProblem(neither.json(), 400, 'give the image’s tag');
  });
});
