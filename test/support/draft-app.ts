import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { FastifyInstance } from 'fastify';
import { FilesystemArtifactStore } from '../../src/artifacts/filesystem-artifact-store.js';
import { componentArtifactKey } from '../../src/buildapi/component/component-artifact-key.js';
import { hostPlatform } from '../../src/hierarchy/platform.js';
import { buildServiceApp, type ServiceAppOptions } from '../../src/server/build-service-app.js';
import { openServiceDatabase, type ServiceDatabase } from '../../src/server/open-service-database.js';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { TrustedNetworks } from '../../src/service/auth/trusted-networks.js';
import { buildApiParts } from './build-api-app.js';

export const ARCH = hostPlatform();
export const OTHER_ARCH = ARCH === 'x86_64' ? 'aarch64' : 'x86_64';
/** The component the store holds (for ARCH): a real tarball of `bin/hello`. */
export const WIDGET = { component: 'widget', tag: 'v1.0' };

export interface DraftApp {
  database: ServiceDatabase;
  /** Trusts 127.0.0.0/8 and ::1 (inject's peer is 127.0.0.1) as `build-scripts`. */
  app: FastifyInstance;
  /** The same service without --trust-network. */
  closed: FastifyInstance;
  /** A writer key (wendy's). */
  writer: string;
  tarball: Buffer;
  /** The registry owner images are pushed under. */
  owner: string;
  close(): Promise<void>;
}

/**
 * The service the draft-route tests call: a real SQLite catalog, a filesystem store holding WIDGET's tarball,
 * podman and the test registry for builds (buildApiParts).
 */
export async function startDraftApp(): Promise<DraftApp> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-draft-'));
  const database = await openServiceDatabase(path.join(dir, 'c.sqlite'));
  const writer = await createApiKey(database.db, 'wendy', 'writer');
  const store = new FilesystemArtifactStore(path.join(dir, 'store'));
  await mkdir(path.join(dir, 'tree', 'bin'), { recursive: true });
  await writeFile(path.join(dir, 'tree', 'bin', 'hello'), 'echo hello\n');
  await execa('tar', ['-czf', path.join(dir, 'widget.tar.gz'), '-C', path.join(dir, 'tree'), '.']);
  const tarball = await readFile(path.join(dir, 'widget.tar.gz'));
  await store.put(componentArtifactKey({ ...WIDGET, architecture: ARCH }), { bytes: tarball });
  const owner = `draft-${Date.now()}`;
  const options: Omit<ServiceAppOptions, 'trustedNetwork'> = {
    db: database.db,
    ...buildApiParts(store, { owner, schemes: ['file'] }),
  };
  const app = await buildServiceApp({
    ...options,
    trustedNetwork: { networks: TrustedNetworks.parse('127.0.0.0/8,::1', 'test'), user: 'build-scripts' },
  });
  const closed = await buildServiceApp(options);
  return {
    database,
    app,
    closed,
    writer,
    tarball,
    owner,
    async close() {
      await app.close();
      await closed.close();
      await database.db.destroy();
    },
  };
}

/** A GET with a JSON body, as `requests.get(url, json=...)` sends it. */
export function getWithBody(
  app: FastifyInstance,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return app.inject({
    method: 'GET',
    url,
    headers: { 'content-type': 'application/json', ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The draft's members beside the problem details: `error` and `errorMessage` are the detail. */
export function expectDraftProblem(answer: Record<string, unknown>, status: number, detail: string): void {
  expect(answer).toMatchObject({ status, error: answer.detail, errorMessage: answer.detail });
  expect(answer.detail).toEqual(expect.stringContaining(detail));
}
