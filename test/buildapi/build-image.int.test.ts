import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ImageBuilder } from '../../src/buildapi/image-builder.js';
import { createApiKey } from '../../src/catalog/api-keys.js';
import { buildCatalogApp } from '../../src/catalog/build-catalog-app.js';
import { openCatalogDatabase, type CatalogDatabase } from '../../src/catalog/open-catalog-database.js';
import { RegistryClient } from '../../src/registry/registry-client.js';
import { SilentLog } from '../../src/log/silent-log.js';
import { skopeoDigest } from '../support/skopeo-digest.js';
import { testBaseImage, testEngine } from '../support/test-engine.js';

// The build API's images over HTTP: real podman builds, pushes to the test registry, registration in the catalog.
const REGISTRY = process.env.STACKHOOK_TEST_REGISTRY!;
const owner = `builds-${Date.now()}`;
let database: CatalogDatabase;
let app: FastifyInstance;
let writer: string;
let builds = 0;
const dockerfile = `FROM ${testBaseImage()}\nRUN echo built > /etc/build-api\n`;
const post = (payload: object, headers: Record<string, string> = { authorization: `Bearer ${writer}` }) =>
  app.inject({
    method: 'POST',
    url: '/build/image',
    headers: { ...headers, github_username: 'octocat' },
    payload,
  });

beforeAll(async () => {
  database = await openCatalogDatabase(
    path.join(await mkdtemp(path.join(os.tmpdir(), 'stackhook-builds-')), 'c.sqlite'),
  );
  writer = await createApiKey(database.db, 'wendy', 'writer');
  const engine = testEngine();
  // The real engine, its builds counted: identical requests must share one.
  const counted = Object.assign(Object.create(engine) as typeof engine, {
    build: (request: Parameters<typeof engine.build>[0]) => {
      builds++;
      return engine.build(request);
    },
  });
  app = await buildCatalogApp({
    db: database.db,
    imageBuilder: (catalog) =>
      new ImageBuilder({
        ...catalog,
        engine: counted,
        log: new SilentLog(),
        target: { host: REGISTRY, owner, tlsVerify: false },
        registry: new RegistryClient(REGISTRY),
      }),
  });
});
afterAll(async () => {
  await app?.close();
  await database?.db.destroy();
});

describe('POST and GET /build/image', () => {
  it('builds <component>-<branch>-image from a Dockerfile, pushes and registers it; identical requests share one build', async () => {
    const request = { component: 'demo', branch: 'main', architecture: 'x86_64', dockerfile };
    const [first, second] = await Promise.all([post(request), post(request)]);
    expect(first!.statusCode).toBe(201);
    expect(second!.json()).toEqual(first!.json());
    expect(builds).toBe(1);
    const built = first!.json() as {
      name: string;
      tag: string;
      reference: string;
      digest: string;
      swtag: string;
    };
    expect(built).toMatchObject({
      name: 'demo-main-image',
      tag: ImageBuilder.tagOf(dockerfile),
      swtag: 'sw1',
    });
    expect(await skopeoDigest(built.reference)).toBe(built.digest);
    const images = await database.db.selectFrom('image').selectAll().execute();
    expect(images).toEqual([
      expect.objectContaining({
        repository_name: 'demo-main-image',
        hash_digest: built.digest,
        createdby: 'wendy',
      }),
    ]);
    const audit = await database.db
      .selectFrom('audit')
      .selectAll()
      .where('action', '=', 'AddImage')
      .execute();
    expect(audit[0]).toMatchObject({ actor: 'wendy', github_username: 'octocat' });
    const found = await app.inject(`/build/image?component=demo&branch=main&tag=${built.tag}`);
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({
      reference: built.reference,
      pull: `podman pull ${REGISTRY}/${owner}/demo-main-image@${built.digest}`,
    });
  }, 300_000);

  it('answers an unknown image with a 404 problem', async () => {
    const missing = await app.inject('/build/image?component=demo&branch=main&tag=sha-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });

  it.each([
    ['a path as component', { component: '../etc' }, 400],
    ['an option as branch', { branch: '-rf' }, 400],
    ['an upper-case branch', { branch: 'Main' }, 400],
    ['an architecture it does not build', { architecture: 'aarch64' }, 400],
    ['an unknown field', { context: '/' }, 400],
    ['a Dockerfile over 64 KiB', { dockerfile: `FROM scratch\n#${'x'.repeat(70_000)}` }, 413],
  ])('refuses %s', async (_label, change, status) => {
    const before = builds;
    const refused = await post({
      component: 'demo',
      branch: 'main',
      architecture: 'x86_64',
      dockerfile,
      ...change,
    });
    expect(refused.statusCode).toBe(status);
    expect(builds).toBe(before);
  });

  it('needs a writer key to build', async () => {
    expect(
      (await post({ component: 'demo', branch: 'main', architecture: 'x86_64', dockerfile }, {})).statusCode,
    ).toBe(401);
  });
});
