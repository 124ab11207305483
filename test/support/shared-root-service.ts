import { createHash, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { FilesystemArtifactStore } from '../../src/artifacts/filesystem-artifact-store.js';
import { ComponentBuilds } from '../../src/buildapi/component/component-builds.js';
import { BuildEnvironments } from '../../src/buildapi/environment/build-environments.js';
import { readBuildEnvironments } from '../../src/buildapi/environment/read-build-environments.js';
import { ImageBuilder } from '../../src/buildapi/image-builder.js';
import { SharedComponents } from '../../src/buildapi/shared/shared-components.js';
import { SharedRoot } from '../../src/buildapi/shared/shared-root.js';
import { ImageAllowList } from '../../src/containerfile/image-allow-list.js';
import { hostPlatform } from '../../src/hierarchy/platform.js';
import { SilentLog } from '../../src/log/silent-log.js';
import { RegistryClient } from '../../src/registry/registry-client.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import { openServiceDatabase, type ServiceDatabase } from '../../src/server/open-service-database.js';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { deb12Environment } from './deb12-environment.js';
import { testBaseImage, testEngine } from './test-engine.js';

/** A service as build scripts sharing a volume with it see it (ad-build's), with a declared Debian environment. */
export interface SharedRootService {
  dir: string;
  /** The shared root (ad-build's registry folder), with dockerfiles/. */
  root: string;
  /** A valid tarball outside the root. */
  outside: string;
  database: ServiceDatabase;
  store: FilesystemArtifactStore;
  /** With the shared root, the environment, image builds and component builds. */
  app: FastifyInstance;
  /** Without a shared root. */
  bare: FastifyInstance;
  writer: string;
  /** PUT /build/component to `target` with a writer key. */
  put(target: FastifyInstance, payload: object): Promise<LightMyRequestResponse>;
  /** POST /build/image with a writer key. */
  postImage(payload: object): Promise<LightMyRequestResponse>;
  /** A writer's authorization header. */
  auth(): { authorization: string };
  /** `tarball` in this service's folder. */
  tarball(file: string, files: Record<string, string>, extra?: string[]): Promise<Buffer>;
  close(): Promise<void>;
}

export { ENV_IMAGE } from './deb12-environment.js';
export const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');

/** A tarball as ad-build's package_ioc makes one: `tar czf <name>.tar.gz <name>` of a folder of `files`. */
export async function tarball(
  dir: string,
  file: string,
  files: Record<string, string>,
  extra: string[] = [],
): Promise<Buffer> {
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

// Real podman, registry and store; the Debian build environment made here (nothing can be pulled).
export async function sharedRootService(): Promise<SharedRootService> {
  const REGISTRY = process.env.STACKHOOK_TEST_REGISTRY!;
  const owner = `shared-${randomUUID().slice(0, 8)}`;

  const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-shared-'));
  const root = path.join(dir, 'registry');
  const outside = path.join(dir, 'outside.tar.gz');
  await mkdir(path.join(root, 'dockerfiles'), { recursive: true });
  await tarball(dir, outside, { 'secret/key': 'outside-the-root\n' });
  const database = await openServiceDatabase(path.join(dir, 'c.sqlite'));
  const writer = await createApiKey(database.db, 'wendy', 'writer');
  const store = new FilesystemArtifactStore(path.join(dir, 'files'));
  const envs = await deb12Environment(dir);
  const environments = new BuildEnvironments(await readBuildEnvironments(envs, hostPlatform()));
  const shared = await SharedRoot.open(root);
  const components = new SharedComponents({
    root: shared,
    store,
    maxTarballBytes: 1024 * 1024,
    limits: { maxBytes: 8 * 1024 * 1024, maxEntries: 1000 },
  });
  const log = new SilentLog();
  const app = await buildServiceApp({
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
  const bare = await buildServiceApp({ db: database.db, artifacts: store });
  return {
    dir,
    root,
    outside,
    database,
    store,
    app,
    bare,
    writer,
    put: (target, payload) =>
      target.inject({
        method: 'PUT',
        url: '/build/component',
        headers: { authorization: `Bearer ${writer}` },
        payload,
      }),
    postImage: (payload) =>
      app.inject({
        method: 'POST',
        url: '/build/image',
        headers: { authorization: `Bearer ${writer}` },
        payload,
      }),
    tarball: (file, files, extra) => tarball(dir, file, files, extra),
    auth: () => ({ authorization: `Bearer ${writer}` }),
    async close() {
      await app.close();
      await bare.close();
      await database.db.destroy();
    },
  };
}

/** The service for a test file: made before its tests, closed after; its fields read once it exists. */
export function useSharedRootService(): SharedRootService {
  let service: SharedRootService | undefined;
  beforeAll(async () => {
    service = await sharedRootService();
  }, 300_000);
  afterAll(() => service?.close());
  return new Proxy({} as SharedRootService, {
    get: (_target, key) => {
      if (!service) throw new Error('the shared root service is made in beforeAll');
      return service[key as keyof SharedRootService];
    },
  });
}
