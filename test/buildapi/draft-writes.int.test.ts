import type { FastifyInstance, InjectOptions } from 'fastify';
import { ImageBuilder } from '../../src/buildapi/image-builder.js';
import {
  ARCH,
  OTHER_ARCH,
  WIDGET as widget,
  expectDraftProblem,
  startDraftApp,
  type DraftApp,
} from '../support/draft-app.js';
import { skopeoDigest } from '../support/skopeo-digest.js';
import { testBaseImage } from '../support/test-engine.js';

// The build API's writes as ad-build's draft makes them: POST /image as a multipart form (one real podman build,
// pushed to the test registry, audited), and key-less callers from a trusted network (inject's peer is
// 127.0.0.1; `remoteAddress` puts it elsewhere), never for catalog or IMS writes.
type Answer = Record<string, unknown>;
let service: DraftApp;
let app: FastifyInstance;
let closed: FastifyInstance;

beforeAll(async () => {
  service = await startDraftApp();
  ({ app, closed } = service);
});
afterAll(async () => {
  await service?.close();
});

const keyed = () => ({ authorization: `Bearer ${service.writer}` });

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
    // A field over its limit is cut short by the form parser, not refused: the Dockerfile built would be another.
    [
      'a Dockerfile field over the field limit',
      { ...fields, dockerfile: `${dockerfile}RUN true${' && true'.repeat(40)}\n` },
      {},
      413,
      'dockerfile',
    ],
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
    const audit = await service.database.db
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

  it('never starts a build key-less from a GET: a web page can make an older browser send one bare', async () => {
    const url = `/component?component=fetched&tag=v1&architecture=${ARCH}&git_url=file:///nowhere`;
    const answer = await app.inject(url);
    expect(answer.statusCode).toBe(401);
    expectDraftProblem(answer.json(), 401, 'POST /component');
    expect(
      (await app.inject({ url, headers: { authorization: `Bearer ${service.writer}` } })).statusCode,
    ).toBe(202);
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
        await service.database.db
          .selectFrom('audit')
          .select(service.database.db.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = await count();
    const answer = await app.inject({ method: 'POST', url, payload });
    expect(answer.statusCode).toBe(401);
    expect(await count()).toBe(before);
  });
});
