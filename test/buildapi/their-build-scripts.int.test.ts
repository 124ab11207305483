import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { buildScriptsFixture } from '../support/build-scripts-fixture.js';
import { readFromImage } from '../support/podman-run.js';
import { deb12Environment } from '../support/deb12-environment.js';
import { startCli } from '../support/run-cli.js';
import { servedAddress } from '../support/served-address.js';
import { testEngine } from '../support/test-engine.js';

// ad-build's whole flow against `stackhook serve` over a real port, made by Python's real `requests` with
// exactly their calls and no key (a trusted loopback network): component tarballs left on the shared volume are
// PUT, one is fetched back and unpacked, and an image is built from the Dockerfile they generate — FROM their
// `<os env>-env:latest`, ADDing both stored components — pushed to the registry, and read back from it.
const PYTHON = process.env.STACKHOOK_TEST_REQUESTS_PYTHON!;
const REGISTRY = process.env.STACKHOOK_TEST_REGISTRY!;
const FLOW = buildScriptsFixture('ad_build_flow.py');
let dir: string;
let server: ResultPromise | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-their-scripts-'));
});
afterAll(() => {
  server?.kill('SIGTERM');
});

describe('ad-build’s build scripts against stackhook serve', () => {
  it('put components from the shared volume, get one back, and build an image carrying both', async () => {
    // Their volume's layout: Dockerfiles and ADD sources in ad-build/registry, results in ad-build/scratch.
    const registryDir = path.join(dir, 'ad-build', 'registry');
    const scratchDir = path.join(dir, 'ad-build', 'scratch');
    await mkdir(path.join(registryDir, 'dockerfiles'), { recursive: true });
    await mkdir(scratchDir);
    const download = path.join(dir, 'download');
    await mkdir(download);
    const envs = await deb12Environment(dir);
    const owner = `scripts-${randomUUID().slice(0, 8)}`;
    server = startCli(
      [
        'serve',
        '--database',
        path.join(dir, 'service.sqlite'),
        '--port',
        '0',
        '--artifacts',
        path.join(dir, 'artifacts'),
        '--build-envs',
        envs,
        '--shared-root',
        registryDir,
        '--shared-tarballs',
        scratchDir,
        '--build-registry',
        `${REGISTRY}/${owner}`,
        '--trust-network',
        '127.0.0.0/8',
      ],
      dir,
    );
    const base = `${await servedAddress(server)}/`;
    const run = await execa(PYTHON, [FLOW, base, registryDir, scratchDir, download, 'deb12'], {
      reject: false,
    });
    expect(run.stderr).toBe('');
    const calls = run.stdout.split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(calls.slice(0, 3)).toEqual([
      { call: 'put component', component: 'epics-base', status_code: 201 },
      { call: 'put component', component: 'asyn', status_code: 201 },
      { call: 'get component', status_code: 200, files: ['epics-base/configure/RELEASE'] },
    ]);
    expect(await readFile(path.join(download, 'epics-base', 'configure', 'RELEASE'), 'utf8')).toBe(
      'EPICS_BASE=/build/epics-base\n',
    );
    const image = calls[3] as { call: string; status_code: number; body: Record<string, string> };
    expect({ status: image.status_code, error: image.body.errorMessage ?? null }).toEqual({
      status: 201,
      error: null,
    });
    expect(image.body).toMatchObject({
      name: 'demo-ioc-main-image',
      status: expect.stringContaining('Successfully built'),
      imageName: expect.stringContaining(`${REGISTRY}/${owner}/demo-ioc-main-image:deb12-sha-`),
    });
    // The pushed image, pulled from the registry: the environment's root with both stored components in /build.
    const reference = image.body.imageName!;
    await testEngine().pull(reference, undefined, { tlsVerify: false });
    try {
      expect(
        await readFromImage(reference, [
          'cat',
          '/etc/build-env',
          '/build/epics-base/configure/RELEASE',
          '/build/asyn/lib/libasyn.txt',
        ]),
      ).toBe('deb12\nEPICS_BASE=/build/epics-base\nasyn R4-45');
    } finally {
      await testEngine().removeImage(reference);
    }
  }, 600_000);
});
