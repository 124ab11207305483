import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ImageBuilder } from '../../src/buildapi/image-builder.js';
import { ImageAllowList } from '../../src/containerfile/image-allow-list.js';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import { openServiceDatabase, type ServiceDatabase } from '../../src/server/open-service-database.js';
import { RegistryClient } from '../../src/registry/registry-client.js';
import { SilentLog } from '../../src/log/silent-log.js';
import { hostEscape } from '../support/host-escape.js';
import { skopeoDigest } from '../support/skopeo-digest.js';
import { testBaseImage, testEngine } from '../support/test-engine.js';

// The build API's images over HTTP: real podman builds, pushes to the test registry, registration in the catalog.
const REGISTRY = process.env.STACKHOOK_TEST_REGISTRY!;
const owner = `builds-${Date.now()}`;
let database: ServiceDatabase;
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
  database = await openServiceDatabase(
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
  app = await buildServiceApp({
    db: database.db,
    imageBuilder: (catalog) =>
      new ImageBuilder({
        ...catalog,
        engine: counted,
        log: new SilentLog(),
        target: { host: REGISTRY, owner, tlsVerify: false },
        registry: new RegistryClient(REGISTRY),
        baseImages: new ImageAllowList([testBaseImage()]),
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
      tag: ImageBuilder.tagOf(dockerfile, 'x86_64'),
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

  it('answers a Dockerfile that fails to build with a 422 saying why, not a 5xx', async () => {
    const failing = `FROM ${testBaseImage()}\nRUN echo failing-${Date.now()} on purpose >&2; exit 3\n`;
    const answer = await post({
      component: 'demo',
      branch: 'failing',
      architecture: 'x86_64',
      dockerfile: failing,
    });
    expect(answer.statusCode).toBe(422);
    const problem = answer.json() as { detail: string };
    expect(problem.detail).toContain('the Dockerfile did not build');
    expect(problem.detail).toContain('on purpose');
  }, 300_000);

  it('answers the same Dockerfile again with the image it built, without building it again', async () => {
    const request = { component: 'demo', branch: 'main', architecture: 'x86_64', dockerfile };
    const before = builds;
    const first = await post(request);
    const again = await post(request);
    expect([first.statusCode, again.statusCode]).toEqual([200, 200]);
    expect(again.json()).toEqual(first.json());
    expect(builds).toBe(before);
    const built = first.json() as { reference: string; digest: string; tag: string };
    expect(built.tag).toMatch(/^x86_64-sha-[0-9a-f]{12}$/);
    // The tag still names the one image: it never moved.
    expect(await skopeoDigest(built.reference)).toBe(built.digest);
    const rows = await database.db.selectFrom('image').select('hash_digest').execute();
    expect(rows).toEqual([{ hash_digest: built.digest }]);
  }, 300_000);

  it('refuses the CVE-2024-1753 Dockerfile (RUN --mount of a link to /) before podman sees it', async () => {
    await using escape = await hostEscape(testBaseImage());
    const before = builds;
    const refused = await post({
      component: 'demo',
      branch: 'escape',
      architecture: 'x86_64',
      dockerfile: escape.containerfile,
    });
    // What matters first: nothing of this machine came back, and nothing of it changed.
    expect({ leaked: refused.body.includes(escape.nonce), unchanged: await escape.unchanged() }).toEqual({
      leaked: false,
      unchanged: true,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({
      detail: expect.stringContaining('RUN takes no flags here (--mount)'),
    });
    expect(refused.body).toContain(`dockerfile:${escape.line}`);
    expect(builds).toBe(before);
  }, 300_000);

  it('refuses an ADD of a URL, which buildah would fetch from the service machine’s loopback', async () => {
    const nonce = `loopback-secret-${randomUUID()}`;
    const server = createServer((_request, response) => response.end(`${nonce}\n`));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const before = builds;
      const refused = await post({
        component: 'demo',
        branch: 'loopback',
        architecture: 'x86_64',
        dockerfile: `FROM ${testBaseImage()}\nADD http://127.0.0.1:${port}/x /x\nRUN cat /x >&2; exit 1\n`,
      });
      expect(refused.body).not.toContain(nonce);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().detail).toContain('dockerfile:2: ADD http://127.0.0.1');
      expect(builds).toBe(before);
    } finally {
      server.close();
    }
  }, 300_000);

  it('refuses a FROM (or COPY --from) outside the allowed images, such as a local image of the service', async () => {
    const local = `localhost/stackhook-test/private:${Date.now()}`;
    await testEngine().tag(testBaseImage(), [local]);
    try {
      const before = builds;
      for (const text of [`FROM ${local}\n`, `FROM ${testBaseImage()}\nCOPY --from=${local} /etc /x\n`]) {
        const refused = await post({
          component: 'demo',
          branch: 'private',
          architecture: 'x86_64',
          dockerfile: text,
        });
        expect(refused.statusCode).toBe(400);
        expect(refused.body).toContain(
          `${local} is neither an earlier stage nor an image this service builds from`,
        );
      }
      expect(builds).toBe(before);
    } finally {
      await testEngine().removeImage(local);
    }
  });

  it('answers an unknown image with a 404 problem', async () => {
    const missing = await app.inject('/build/image?component=demo&branch=main&tag=sha-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });

  it.each([
    ['a path as component', { component: '../etc' }, 400],
    ['an option as branch', { branch: '-rf' }, 400],
    ['an upper-case branch', { branch: 'Main' }, 400],
    ['.. in the component', { component: 'a..b' }, 400],
    ['.. in the branch', { branch: 'a..b' }, 400],
    ['a component ending in .', { component: 'a.' }, 400],
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
    const field = Object.keys(change)[0]!;
    if (field === 'component' || field === 'branch') expect(refused.json().detail).toContain(`body.${field}`);
    expect(builds).toBe(before);
  });

  it('needs a writer key to build', async () => {
    expect(
      (await post({ component: 'demo', branch: 'main', architecture: 'x86_64', dockerfile }, {})).statusCode,
    ).toBe(401);
  });
});
