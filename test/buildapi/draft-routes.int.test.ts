import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { FilesystemArtifactStore } from '../../src/artifacts/filesystem-artifact-store.js';
import { componentArtifactKey } from '../../src/buildapi/component/component-artifact-key.js';
import { ImageBuilder } from '../../src/buildapi/image-builder.js';
import { hostPlatform } from '../../src/hierarchy/platform.js';
import { buildServiceApp, type ServiceAppOptions } from '../../src/server/build-service-app.js';
import { openServiceDatabase, type ServiceDatabase } from '../../src/server/open-service-database.js';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { TrustedNetworks } from '../../src/service/auth/trusted-networks.js';
import { skopeoDigest } from '../support/skopeo-digest.js';
import { buildApiParts } from '../support/build-api-app.js';
import { testBaseImage } from '../support/test-engine.js';

// The build API as ad-build's scripts and draft call it: root paths, a GET's JSON body, `arch` and `url`, the
// draft's answer and error members, the newest image of an architecture, the multipart POST image, and key-less
// callers from a trusted network (inject's peer is 127.0.0.1; `remoteAddress` puts it elsewhere). A real
// SQLite catalog, a filesystem store holding a real tarball, podman and the test registry for the one build.
const ARCH = hostPlatform();
const OTHER_ARCH = ARCH === 'x86_64' ? 'aarch64' : 'x86_64';
const REGISTRY = process.env.STACKHOOK_TEST_REGISTRY!;
const owner = `draft-${Date.now()}`;
let dir: string;
let database: ServiceDatabase;
let app: FastifyInstance;
let closed: FastifyInstance;
let writer: string;
let tarball: Buffer;
const widget = { component: 'widget', tag: 'v1.0' };

type Answer = Record<string, unknown>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-draft-'));
  database = await openServiceDatabase(path.join(dir, 'c.sqlite'));
  writer = await createApiKey(database.db, 'wendy', 'writer');
  const store = new FilesystemArtifactStore(path.join(dir, 'store'));
  await mkdir(path.join(dir, 'tree', 'bin'), { recursive: true });
  await writeFile(path.join(dir, 'tree', 'bin', 'hello'), 'echo hello\n');
  await execa('tar', ['-czf', path.join(dir, 'widget.tar.gz'), '-C', path.join(dir, 'tree'), '.']);
  tarball = await readFile(path.join(dir, 'widget.tar.gz'));
  await store.put(componentArtifactKey({ ...widget, architecture: ARCH }), { bytes: tarball });
  const options: Omit<ServiceAppOptions, 'trustedNetwork'> = {
    db: database.db,
    ...buildApiParts(store, { owner: owner, schemes: ['file'] }),
  };
  app = await buildServiceApp({
    ...options,
    trustedNetwork: { networks: TrustedNetworks.parse('127.0.0.0/8,::1', 'test'), user: 'build-scripts' },
  });
  closed = await buildServiceApp(options);
});
afterAll(async () => {
  await app?.close();
  await closed?.close();
  await database?.db.destroy();
});

/** A GET with a JSON body, as `requests.get(url, json=...)` sends it. */
const getWithBody = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'GET',
    url,
    headers: { 'content-type': 'application/json', ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });

const keyed = () => ({ authorization: `Bearer ${writer}` });

/** The draft's members beside the problem details: `error` and `errorMessage` are the detail. */
function expectDraftProblem(answer: Answer, status: number, detail: string | RegExp) {
  expect(answer).toMatchObject({ status, error: answer.detail, errorMessage: answer.detail });
  expect(answer.detail).toEqual(
    typeof detail === 'string' ? expect.stringContaining(detail) : expect.stringMatching(detail),
  );
}

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

/** The draft's POST image: a multipart form with `dockerfile` a file. */
async function multipart(fields: Record<string, string>, files: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const [name, value] of Object.entries(files)) form.append(name, new Blob([value]), name);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type')! },
  };
}

describe('POST /image as the draft’s multipart form', () => {
  const fields = { component: 'formed', branch: 'main', architecture: ARCH };
  const dockerfile = `FROM ${testBaseImage()}\nLABEL io.stackhook.test=multipart\n`;
  const post = async (
    form: Awaited<ReturnType<typeof multipart>>,
    headers: Record<string, string> = {},
    options: Partial<InjectOptions> = {},
  ) =>
    app.inject({
      method: 'POST',
      url: '/image',
      ...form,
      ...options,
      headers: { ...form.headers, ...headers },
    });

  it.each([
    [
      'an architecture it does not build',
      { ...fields, architecture: OTHER_ARCH },
      { dockerfile },
      400,
      `images, not ${OTHER_ARCH}`,
    ],
    ['an unknown field', { ...fields, context: '/' }, { dockerfile }, 400, 'context'],
    ['no Dockerfile', fields, {}, 400, 'dockerfile'],
    ['two files', fields, { dockerfile, other: dockerfile }, 413, ''],
    ['a Dockerfile over 64 KiB', fields, { dockerfile: `${dockerfile}#${'x'.repeat(70_000)}` }, 413, ''],
  ])('refuses %s, with the draft’s error members', async (_label, given, files, status, detail) => {
    const answer = await post(await multipart(given, files), keyed());
    expect(answer.statusCode).toBe(status);
    expectDraftProblem(answer.json(), status, detail);
  });

  it('builds key-less from the trusted network, audited with linux_username/github_username; GET /image finds it', async () => {
    const answer = await post(await multipart(fields, { dockerfile }), {
      linux_username: 'jdoe',
      github_username: 'jdoe-gh',
    });
    expect(answer.statusCode).toBe(201);
    const built = answer.json() as Answer & { reference: string; digest: string };
    expect(built).toMatchObject({
      name: 'formed-main-image',
      tag: ImageBuilder.tagOf(dockerfile, ARCH),
      imageName: built.reference,
      status: `Successfully built ${built.reference}`,
      errorMessage: null,
    });
    expect(await skopeoDigest(built.reference)).toBe(built.digest);
    const audit = await database.db
      .selectFrom('audit')
      .selectAll()
      .where('action', '=', 'AddImage')
      .where('changes', 'like', '%formed-main-image%')
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({ actor: 'build-scripts', linux_username: 'jdoe', github_username: 'jdoe-gh' }),
    ]);
    const newest = await app.inject(`/image?component=formed&branch=main&arch=${ARCH}`);
    expect(newest.json()).toMatchObject({ reference: built.reference, digest: built.digest });
    const byTag = await app.inject(`/image?component=formed&branch=main&tag=${built.tag as string}`);
    expect(byTag.json()).toMatchObject({ reference: built.reference, imageName: built.reference });
  }, 300_000);
});

describe('key-less callers (serve --trust-network)', () => {
  const stored = { ...widget, architecture: ARCH, git_url: 'file:///nowhere' };
  const postComponent = (
    target: FastifyInstance,
    headers: Record<string, string> = {},
    remoteAddress?: string,
  ) =>
    target.inject({
      method: 'POST',
      url: '/component',
      headers,
      payload: stored,
      ...(remoteAddress ? { remoteAddress } : {}),
    });

  it('lets a request from a trusted network act without a key on the build API', async () => {
    expect((await postComponent(app)).statusCode).toBe(200);
    expect((await postComponent(app, {}, '::ffff:127.0.0.5')).statusCode).toBe(200);
  });

  it.each([
    ['from outside the trusted networks', {}, '192.0.2.7'],
    ['with an Origin (a browser)', { origin: 'http://evil.example' }, undefined],
    ['with a cookie (a browser)', { cookie: 'a=b' }, undefined],
    ['with Sec-Fetch-Site (a browser)', { 'sec-fetch-site': 'cross-site' }, undefined],
    ['with Sec-Fetch-Dest (a browser)', { 'sec-fetch-dest': 'image' }, undefined],
    ['with a Referer (a browser)', { referer: 'http://evil.example/' }, undefined],
    ['through a proxy (X-Forwarded-For)', { 'x-forwarded-for': '127.0.0.1' }, undefined],
    ['through a proxy (Forwarded)', { forwarded: 'for=127.0.0.1' }, undefined],
  ])('refuses a key-less build %s (401)', async (_label, headers, remoteAddress) => {
    const answer = await postComponent(app, headers, remoteAddress);
    expect(answer.statusCode).toBe(401);
    expectDraftProblem(answer.json(), 401, 'a writer API key is needed');
  });

  it('is off by default', async () => {
    expect((await postComponent(closed)).statusCode).toBe(401);
  });

  it.each([
    ['a catalog write (POST /api/v1/swtags)', '/api/v1/swtags', { TAGTYPE: 'build' }],
    ['an IMS write (POST /ims/v3/recipes)', '/ims/v3/recipes', { name: 'r' }],
    [
      'an IMS write at the gateway path',
      '/apis/ims/v3/public-keys',
      { name: 'k', public_key: 'ssh-ed25519 AAAA' },
    ],
  ])('never lets a trusted-network caller make %s without a key', async (_label, url, payload) => {
    const count = async () =>
      (
        await database.db
          .selectFrom('audit')
          .select(database.db.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = await count();
    const answer = await app.inject({ method: 'POST', url, payload });
    expect(answer.statusCode).toBe(401);
    expect(await count()).toBe(before);
  });
});
