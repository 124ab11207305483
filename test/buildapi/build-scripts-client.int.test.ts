import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { FastifyInstance } from 'fastify';
import { FilesystemArtifactStore } from '../../src/artifacts/filesystem-artifact-store.js';
import { componentArtifactKey } from '../../src/buildapi/component/component-artifact-key.js';
import { BuildEnvironments } from '../../src/buildapi/environment/build-environments.js';
import { hostPlatform } from '../../src/hierarchy/platform.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import { openServiceDatabase, type ServiceDatabase } from '../../src/server/open-service-database.js';
import { TrustedNetworks } from '../../src/service/auth/trusted-networks.js';
import { buildScriptsFixture } from '../support/build-scripts-fixture.js';
import { buildApiParts } from '../support/build-api-app.js';

// ad-build's build scripts' own calls, made by Python's real `requests` (PyPI, prepared by `npm test`) against
// the service over a real port, without a key, from the trusted loopback network: a stored component fetched
// with a GET carrying a JSON body and unpacked as their client does. (The PUT component and image flow needs
// the shared volume: another test.)
const PYTHON = process.env.STACKHOOK_TEST_REQUESTS_PYTHON!;
const CALLS = buildScriptsFixture('ad_build_calls.py');
const ARCH = hostPlatform();
let dir: string;
let database: ServiceDatabase;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-build-scripts-'));
  database = await openServiceDatabase(path.join(dir, 'c.sqlite'));
  const store = new FilesystemArtifactStore(path.join(dir, 'store'));
  // A component built elsewhere: epics-base R7.0.8's tree, in the store where builds put theirs.
  await mkdir(path.join(dir, 'tree', 'configure'), { recursive: true });
  await writeFile(path.join(dir, 'tree', 'configure', 'RELEASE'), 'EPICS_BASE=/build\n');
  const tarball = path.join(dir, 'epics-base.tar.gz');
  await execa('tar', ['-czf', tarball, '-C', path.join(dir, 'tree'), 'configure']);
  const key = componentArtifactKey({ component: 'epics-base', tag: 'R7.0.8', architecture: ARCH });
  await store.put(key, { bytes: await readFile(tarball) });
  // Their backend names OS environments in capitals too (ADBS_OS_ENVIRONMENT=RHEL7 in its log, buildOs=[RHEL7]).
  const rhel7 = componentArtifactKey({ component: 'epics-base', tag: 'R7.0.8', architecture: 'rhel7' });
  await store.put(rhel7, { bytes: await readFile(tarball) });
  app = await buildServiceApp({
    environments: new BuildEnvironments([
      { name: 'rhel7', image: 'localhost/rhel7-env:latest', platform: ARCH, aliases: [] },
    ]),
    db: database.db,
    artifacts: store,
    trustedNetwork: { networks: TrustedNetworks.parse('127.0.0.0/8', 'test'), user: 'build-scripts' },
    ...buildApiParts(store, { owner: 'build-scripts', schemes: ['https'] }),
  });
  base = `${await app.listen({ host: '127.0.0.1', port: 0 })}/`;
});
afterAll(async () => {
  await app?.close();
  await database?.db.destroy();
});

describe('ad-build’s build scripts, with Python requests over a real port', () => {
  it('fetch a stored component key-less with a GET carrying a JSON body, and unpack it', async () => {
    const download = path.join(dir, 'download');
    await mkdir(download);
    const run = await execa(PYTHON, [CALLS, base, download, 'epics-base', 'R7.0.8', ARCH]);
    const [fetched, missing, image] = run.stdout
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(fetched).toEqual({ call: 'get component', status_code: 200, files: ['configure/RELEASE'] });
    expect(await readFile(path.join(download, 'configure', 'RELEASE'), 'utf8')).toBe('EPICS_BASE=/build\n');
    expect(missing).toMatchObject({
      status_code: 404,
      body: { errorMessage: expect.stringContaining('no component nothing R7.0.8') },
    });
    // Their image request names a Dockerfile on the shared volume (served once --shared-root is): until then a
    // 400 they can read, with the draft's `error` beside the problem details.
    expect(image).toMatchObject({ status_code: 400, body: { status: 400, error: expect.any(String) } });
  });

  it('fetch a component of an OS environment their backend names in capitals (RHEL7)', async () => {
    const download = path.join(dir, 'download-rhel7');
    await mkdir(download);
    const run = await execa(PYTHON, [CALLS, base, download, 'epics-base', 'R7.0.8', 'RHEL7']);
    const [fetched] = run.stdout.split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(fetched).toEqual({ call: 'get component', status_code: 200, files: ['configure/RELEASE'] });
  });
});
