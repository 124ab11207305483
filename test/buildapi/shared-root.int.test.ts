import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import type { FastifyInstance } from 'fastify';
import { FilesystemArtifactStore } from '../../src/artifacts/filesystem-artifact-store.js';
import { ComponentBuilds } from '../../src/buildapi/component/component-builds.js';
import type { ComponentJobRecord } from '../../src/buildapi/component/component-job-repository.js';
import { BuildEnvironments } from '../../src/buildapi/environment/build-environments.js';
import { readBuildEnvironments } from '../../src/buildapi/environment/read-build-environments.js';
import { ImageBuilder } from '../../src/buildapi/image-builder.js';
import { SharedComponents } from '../../src/buildapi/shared/shared-components.js';
import { SharedRoot } from '../../src/buildapi/shared/shared-root.js';
import { ImageAllowList } from '../../src/containerfile/image-allow-list.js';
import { hostPlatform, ociPlatform } from '../../src/hierarchy/platform.js';
import { SilentLog } from '../../src/log/silent-log.js';
import { RegistryClient } from '../../src/registry/registry-client.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import { openServiceDatabase, type ServiceDatabase } from '../../src/server/open-service-database.js';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { gitRepoFrom } from '../support/fixture-repo.js';
import { readFromImage } from '../support/podman-run.js';
import { testBaseImage, testEngine } from '../support/test-engine.js';

// Build scripts that share a volume with the service (ad-build's): tarballs PUT from it, Dockerfiles named in
// it that ADD stored components, builds in a declared Debian build environment. Real podman, registry, store.
const REGISTRY = process.env.STACKHOOK_TEST_REGISTRY!;
const ENV_IMAGE = 'localhost/deb12-env:latest';
const owner = `shared-${Date.now()}`;
let dir: string;
let root: string;
let outside: string;
let database: ServiceDatabase;
let store: FilesystemArtifactStore;
let app: FastifyInstance;
let bare: FastifyInstance;
let writer: string;
const auth = () => ({ authorization: `Bearer ${writer}` });
const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');
const put = (target: FastifyInstance, payload: object) =>
  target.inject({ method: 'PUT', url: '/build/component', headers: auth(), payload });
const postImage = (payload: object) =>
  app.inject({ method: 'POST', url: '/build/image', headers: auth(), payload });

/** A tarball as ad-build's package_ioc makes one: `tar czf <name>.tar.gz <name>` of a folder of `files`. */
async function tarball(file: string, files: Record<string, string>, extra: string[] = []): Promise<Buffer> {
  const work = await mkdtemp(path.join(dir, 'pack-'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(work, name)), { recursive: true });
    await writeFile(path.join(work, name), content);
  }
  await mkdir(path.dirname(file), { recursive: true });
  await execa(
    'tar',
    ['czf', file, ...extra, ...new Set(Object.keys(files).map((name) => name.split('/')[0]!))],
    {
      cwd: work,
    },
  );
  return readFile(file);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-shared-'));
  root = path.join(dir, 'registry');
  outside = path.join(dir, 'outside.tar.gz');
  await mkdir(path.join(root, 'dockerfiles'), { recursive: true });
  await tarball(outside, { 'secret/key': 'outside-the-root\n' });
  database = await openServiceDatabase(path.join(dir, 'c.sqlite'));
  writer = await createApiKey(database.db, 'wendy', 'writer');
  store = new FilesystemArtifactStore(path.join(dir, 'files'));
  // The Debian build environment, made here (nothing can be pulled): the test base image with a mark.
  const envDir = await mkdtemp(path.join(dir, 'env-'));
  await writeFile(
    path.join(envDir, 'Containerfile'),
    `FROM ${testBaseImage()}\nRUN echo deb12 > /etc/build-env\n`,
  );
  await testEngine().build({
    subject: 'deb12-env',
    contextDir: envDir,
    dockerfile: path.join(envDir, 'Containerfile'),
    tag: ENV_IMAGE,
    buildArgs: {},
    labels: {},
    platform: ociPlatform(hostPlatform()),
  });
  const envs = path.join(dir, 'build-envs.yaml');
  await writeFile(
    envs,
    `deb12:\n  image: ${ENV_IMAGE}\n  platform: linux/${hostPlatform() === 'x86_64' ? 'amd64' : 'arm64'}\n`,
  );
  const environments = new BuildEnvironments(await readBuildEnvironments(envs, hostPlatform()));
  const shared = await SharedRoot.open(root);
  const components = new SharedComponents({
    root: shared,
    store,
    maxTarballBytes: 1024 * 1024,
    limits: { maxBytes: 8 * 1024 * 1024, maxEntries: 1000 },
  });
  const log = new SilentLog();
  app = await buildServiceApp({
    db: database.db,
    logger: { level: 'error', stream: process.stderr },
    artifacts: store,
    environments,
    shared: { root: shared, components },
    imageBuilder: (catalog) =>
      new ImageBuilder({
        ...catalog,
        engine: testEngine(),
        log,
        target: { host: REGISTRY, owner, tlsVerify: false },
        registry: new RegistryClient(REGISTRY),
        baseImages: new ImageAllowList([testBaseImage(), ...environments.images()]),
        environments,
        components: { store, roots: [shared.given, shared.real] },
      }),
    componentBuilds: (context) =>
      new ComponentBuilds({
        ...context,
        engine: testEngine(),
        store,
        log,
        schemes: ['file'],
        defaultImage: testBaseImage(),
        environments,
      }),
  });
  bare = await buildServiceApp({ db: database.db, artifacts: store });
}, 300_000);
afterAll(async () => {
  await app?.close();
  await bare?.close();
  await database?.db.destroy();
});

describe('PUT /build/component from the shared root', () => {
  it('stores a tarball left on the shared root, serves it back, takes the same bytes again, refuses others', async () => {
    const file = path.join(root, 'scratch', 'widget-main', 'build_results', 'widget-main.tar.gz');
    const bytes = await tarball(file, { 'widget-main/bin/hello': 'echo hello\n' });
    const stored = await put(app, { component: 'widget', results_tarball: file, tag: 'v1.0' });
    expect(stored.statusCode).toBe(201);
    expect(stored.json()).toMatchObject({
      component: 'widget',
      tag: 'v1.0',
      architecture: 'noarch',
      md5: md5(bytes),
    });
    // Served for any architecture: ad-build's client puts without one and gets with its OS environment.
    for (const architecture of ['deb12', 'noarch', hostPlatform()]) {
      const got = await app.inject(`/build/component?component=widget&tag=v1.0&architecture=${architecture}`);
      expect([architecture, got.statusCode, got.headers['content-type']]).toEqual([
        architecture,
        200,
        'application/gzip',
      ]);
      expect(md5(got.rawPayload)).toBe(md5(bytes));
    }
    // Relative to the root, the same bytes: stored already.
    const again = await put(app, {
      component: 'widget',
      results_tarball: path.relative(root, file),
      tag: 'v1.0',
    });
    expect([again.statusCode, again.json().md5]).toEqual([200, md5(bytes)]);
    const other = path.join(root, 'scratch', 'other.tar.gz');
    await tarball(other, { 'widget-main/bin/hello': 'echo changed\n' });
    const conflict = await put(app, { component: 'widget', results_tarball: other, tag: 'v1.0' });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().detail).toContain('stored already, with other bytes');
  });

  it('stores for one environment when arch is given', async () => {
    const file = path.join(root, 'scratch', 'gadget.tar.gz');
    await tarball(file, { 'gadget/README': 'deb12 only\n' });
    const stored = await put(app, { component: 'gadget', results_tarball: file, tag: 'v2', arch: 'deb12' });
    expect([stored.statusCode, stored.json().architecture]).toEqual([201, 'deb12']);
    expect((await app.inject('/build/component?component=gadget&tag=v2&architecture=deb12')).statusCode).toBe(
      200,
    );
    expect(
      (await app.inject('/build/component?component=gadget&tag=v2&architecture=noarch')).statusCode,
    ).toBe(404);
  });

  const hostile: [string, () => Promise<string>, string][] = [
    ['.. out of the root', async () => `${root}/../outside.tar.gz`, 'without ..'],
    ['an absolute path outside the root', async () => outside, 'not under the shared root'],
    ['a relative path with ..', async () => '../outside.tar.gz', 'without ..'],
    ['a missing file', async () => `${root}/missing.tar.gz`, 'missing, or a link out of it'],
    [
      'a symlink out of the root',
      async () => {
        await symlink(outside, path.join(root, 'link.tar.gz'));
        return `${root}/link.tar.gz`;
      },
      'missing, or a link out of it',
    ],
    [
      'a symlinked folder in the middle',
      async () => {
        await symlink(dir, path.join(root, 'up'));
        return `${root}/up/outside.tar.gz`;
      },
      'missing, or a link out of it',
    ],
    [
      'a FIFO',
      async () => {
        await execa('mkfifo', [path.join(root, 'fifo.tar.gz')]);
        return 'fifo.tar.gz';
      },
      'not a regular file',
    ],
    ['a folder', async () => 'dockerfiles', 'not a regular file'],
    [
      'a file that is not gzip',
      async () => {
        await writeFile(path.join(root, 'plain.tar.gz'), 'just text\n');
        return 'plain.tar.gz';
      },
      'is not a gzip-compressed tar file',
    ],
    [
      'gzip of something that is no tar',
      async () => {
        await writeFile(
          path.join(root, 'text.gz'),
          (await execa('gzip', ['-c'], { input: 'x'.repeat(2000), encoding: 'buffer' })).stdout,
        );
        return 'text.gz';
      },
      'is not a gzip-compressed tar file',
    ],
    [
      'a file over the size limit',
      async () => {
        await writeFile(path.join(root, 'big.tar.gz'), randomBytes(2 * 1024 * 1024));
        return 'big.tar.gz';
      },
      'over 1048576 bytes',
    ],
    [
      'a tarball that unpacks past the limit',
      async () => {
        await tarball(path.join(root, 'bomb.tar.gz'), { 'bomb/zeros': '\0'.repeat(9 * 1024 * 1024) });
        return 'bomb.tar.gz';
      },
      'unpacks to over 8388608 bytes',
    ],
    [
      'a tarball holding ../',
      async () => {
        await tarball(path.join(root, 'dotdot.tar.gz'), { 'x/a': 'a\n' }, [
          '--absolute-names',
          '--transform=s,^x,../x,',
        ]);
        return 'dotdot.tar.gz';
      },
      'outside its own tree',
    ],
    [
      'a tarball with a link out of it',
      async () => {
        const work = await mkdtemp(path.join(dir, 'link-'));
        await symlink('/etc/passwd', path.join(work, 'passwd'));
        await execa('tar', ['czf', path.join(root, 'linked.tar.gz'), 'passwd'], { cwd: work });
        return 'linked.tar.gz';
      },
      'links passwd out of its own tree',
    ],
  ];

  it.each(hostile)('refuses %s as results_tarball, storing nothing', async (_label, prepare, message) => {
    const before = await store.list('components/');
    const refused = await put(app, { component: 'hostile', results_tarball: await prepare(), tag: 'v1' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toContain('results_tarball');
    expect(refused.json().detail).toContain(message);
    expect(refused.body).not.toContain('outside-the-root');
    expect(await store.list('components/')).toEqual(before);
  });

  it('is a 404 saying why on a service without a shared root', async () => {
    const refused = await put(bare, { component: 'widget', results_tarball: '/x.tar.gz', tag: 'v1.0' });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().detail).toContain('serve --shared-root');
  });

  it('refuses an unknown arch, listing the known ones', async () => {
    const refused = await put(app, {
      component: 'widget',
      results_tarball: 'x',
      tag: 'v1.0',
      arch: 'rocky9',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toContain('"rocky9" (known: x86_64, aarch64, noarch, deb12)');
  });
});

describe('POST /build/image from a Dockerfile on the shared root', () => {
  it('builds ad-build’s generated Dockerfile: the environment’s FROM, two stored components ADDed, pushed', async () => {
    await tarball(path.join(root, 'alpha.tar.gz'), { 'alpha/lib/alpha.txt': 'alpha 1.0\n' });
    await tarball(path.join(root, 'beta.tar.gz'), {
      'beta/bin/beta': 'beta 2.0\n',
      'beta/share/doc': 'doc\n',
    });
    expect(
      (await put(app, { component: 'alpha', results_tarball: 'alpha.tar.gz', tag: 'R1.0' })).statusCode,
    ).toBe(201);
    expect(
      (await put(app, { component: 'beta', results_tarball: 'beta.tar.gz', tag: 'R2.0' })).statusCode,
    ).toBe(201);
    // As start_build.py writes it (their registry path is our shared root).
    await writeFile(
      path.join(root, 'dockerfiles', 'demo-app-main-deb12'),
      [
        'FROM ghcr.io/ad-build-test/deb12-env:latest',
        `ADD ${root}/alpha/R1.0 /build`,
        `ADD ${root}/beta/R2.0 /build`,
        'COPY component:alpha/R1.0 /opt/alpha',
        'RUN cat /etc/build-env /build/alpha/lib/alpha.txt /build/beta/bin/beta',
        '',
      ].join('\n'),
    );
    const built = await postImage({ dockerfile: 'demo-app-main-deb12', architecture: 'deb12' });
    expect({ status: built.statusCode, problem: built.statusCode === 201 ? '' : built.body }).toEqual({
      status: 201,
      problem: '',
    });
    const image = built.json() as { name: string; reference: string; tag: string };
    // The branch is what follows the last dash: the image's name is the same whichever way it splits.
    expect(image.name).toBe('demo-app-main-image');
    expect(image.tag).toMatch(/^deb12-sha-[0-9a-f]{12}$/);
    const rows = await database.db
      .selectFrom('swtag')
      .select(['imagetype', 'prodstep', 'imagearch'])
      .execute();
    expect(rows).toContainEqual({ imagetype: 'demo-app', prodstep: 'main', imagearch: 'deb12' });
    // The pushed image, pulled and run: its files came from the store.
    await testEngine().pull(image.reference, undefined, { tlsVerify: false });
    try {
      expect(
        await readFromImage(image.reference, [
          'cat',
          '/etc/build-env',
          '/build/alpha/lib/alpha.txt',
          '/build/beta/bin/beta',
          '/build/beta/share/doc',
          '/opt/alpha/alpha/lib/alpha.txt',
        ]),
      ).toBe('deb12\nalpha 1.0\nbeta 2.0\ndoc\nalpha 1.0');
    } finally {
      await testEngine().removeImage(image.reference);
    }
  }, 600_000);

  it('refuses a Dockerfile that ADDs a file of the machine, or a component that is not stored', async () => {
    await writeFile(
      path.join(root, 'dockerfiles', 'evil-main-deb12'),
      `FROM ${ENV_IMAGE}\nADD /etc/passwd /x\n`,
    );
    const machine = await postImage({ dockerfile: 'evil-main-deb12', architecture: 'deb12' });
    expect(machine.statusCode).toBe(400);
    expect(machine.json().detail).toContain(
      'dockerfile:2: ADD /etc/passwd: the build context holds only stored components',
    );
    await writeFile(
      path.join(root, 'dockerfiles', 'lost-main-deb12'),
      `FROM ${ENV_IMAGE}\nADD ${root}/nothing/v9 /build\n`,
    );
    const missing = await postImage({ dockerfile: 'lost-main-deb12', architecture: 'deb12' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().detail).toContain('component nothing v9, which is not stored for deb12');
  }, 300_000);

  const names: [string, () => Promise<string>, string][] = [
    ['a path', async () => '../registry/dockerfiles/x', 'one file of <shared root>/dockerfiles/'],
    ['a subfolder', async () => 'sub/x', 'one file of <shared root>/dockerfiles/'],
    ['a hidden name', async () => '.x', 'one file of <shared root>/dockerfiles/'],
    ['..', async () => '..', 'one file of <shared root>/dockerfiles/'],
    ['a missing file', async () => 'nothing-main-deb12', 'missing, or a link out of it'],
    [
      'a symlink out of the root',
      async () => {
        await symlink('/etc/hostname', path.join(root, 'dockerfiles', 'host-main-deb12'));
        return 'host-main-deb12';
      },
      'missing, or a link out of it',
    ],
    [
      'a FIFO',
      async () => {
        await execa('mkfifo', [path.join(root, 'dockerfiles', 'fifo-main-deb12')]);
        return 'fifo-main-deb12';
      },
      'not a regular file',
    ],
    [
      'a name with no component and branch in it',
      async () => {
        await writeFile(path.join(root, 'dockerfiles', 'Upper'), `FROM ${ENV_IMAGE}\n`);
        return 'Upper';
      },
      'cannot read a component and branch from the name Upper',
    ],
  ];

  it.each(names)('refuses %s as a Dockerfile name', async (_label, prepare, message) => {
    const refused = await postImage({ dockerfile: await prepare(), architecture: 'deb12' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toContain('dockerfile');
    expect(refused.json().detail).toContain(message);
  });
});

describe('build environments', () => {
  it('builds a component in the declared Debian environment’s image', async () => {
    const source = path.join(dir, 'envcomp-source');
    await mkdir(source);
    await writeFile(
      path.join(source, 'stackhook-build.yaml'),
      'command: [sh, -c, "cp /etc/build-env /out/env && cat /etc/debian_version > /out/debian"]\n',
    );
    const repo = await gitRepoFrom(source, 'envcomp');
    await execa('git', ['tag', 'v1.0'], { cwd: repo });
    const started = await app.inject({
      method: 'POST',
      url: '/build/component',
      headers: auth(),
      payload: { git_url: `file://${repo}`, component: 'envcomp', tag: 'v1.0', architecture: 'deb12' },
    });
    expect(started.statusCode).toBe(202);
    let job = started.json() as ComponentJobRecord;
    for (let tries = 0; tries < 1200 && !['success', 'error'].includes(job.status); tries += 1) {
      await sleep(250);
      job = (await app.inject(`/build/jobs/${job.id}`)).json() as ComponentJobRecord;
    }
    expect([job.status, job.error]).toEqual(['success', null]);
    const got = await app.inject('/build/component?component=envcomp&tag=v1.0&architecture=deb12');
    expect(got.statusCode).toBe(200);
    const file = path.join(dir, 'envcomp.tar.gz');
    await writeFile(file, got.rawPayload);
    const { stdout } = await execa('tar', ['xzOf', file, './env']);
    expect(stdout).toBe('deb12');
  }, 600_000);

  it.each([
    [
      'POST /build/component',
      {
        method: 'POST' as const,
        url: '/build/component',
        payload: { git_url: 'file:///x', component: 'x', tag: 'v1', architecture: 'rocky9' },
      },
    ],
    [
      'GET /build/component',
      { method: 'GET' as const, url: '/build/component?component=x&tag=v1&architecture=rocky9' },
    ],
    [
      'POST /build/image',
      {
        method: 'POST' as const,
        url: '/build/image',
        payload: {
          component: 'x',
          branch: 'main',
          architecture: 'rocky9',
          dockerfile: `FROM ${ENV_IMAGE}\n`,
        },
      },
    ],
  ])('answers an unknown environment in %s with a 400 listing the known ones', async (_label, request) => {
    const refused = await app.inject({ ...request, headers: auth() });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toContain(
      'architecture: unknown architecture or build environment "rocky9" (known: x86_64, aarch64, noarch, deb12)',
    );
  });
});
