// `npm test`: make sure podman, its API socket, a local registry, PostgreSQL, Chromium and the Debian base image
// are there (installing them on a bare Debian machine, touching nothing on a machine that has them), then run jest
// with their locations.
// In band: the integration tests share one podman and its containers; in parallel a Ctrl-C test raced the others.
import path from 'node:path';
import { execa } from 'execa';
import { resolveBaseImage } from '../src/base-image/resolve-base-image.js';
import { aptInstall, canAptInstall } from '../src/environment/apt-install.js';
import { findExecutable } from '../src/environment/find-executable.js';
import { ensureLocalPostgres } from '../src/environment/local-postgres.js';
import { ensurePyAmiVenv } from '../src/environment/pyami-venv.js';
import { ensureRequestsVenv } from '../src/environment/requests-venv.js';
import { prepareEnvironment } from '../src/environment/prepare-environment.js';
import { StreamLog } from '../src/log/stream-log.js';
import { startLoopbackBuildNodes } from '../test/support/loopback-build-nodes.js';

export const TEST_BASE = {
  image: 'docker.io/library/debian:bookworm-slim',
  debootstrap: { suite: 'bookworm', variant: 'minbase' },
};

const log = new StreamLog({ timestamps: Boolean(process.env.CI) });
const environment = await log.step('prepare podman, API socket and registry', () =>
  prepareEnvironment({ log, provision: true, registry: true }),
);
// Tools the tests use beside podman: skopeo reads what the registry holds, independently of podman, to check
// pushed digests; OpenSSH's ssh-keygen makes the keys IMS keeps; squashfs-tools packs and reads IMS rootfs images.
const TOOLS = [
  { tool: 'skopeo', debianPackage: 'skopeo' },
  { tool: 'ssh-keygen', debianPackage: 'openssh-client' },
  { tool: 'mksquashfs', debianPackage: 'squashfs-tools' },
];
for (const { tool, debianPackage } of TOOLS) {
  if (await findExecutable(tool)) continue;
  if (!(await canAptInstall()))
    throw new Error(`the tests need ${tool}: apt-get install -y ${debianPackage}`);
  await log.step(`install ${debianPackage}`, () => aptInstall([debianPackage], log, false));
}
// Headless Chromium drives the catalog's web pages (through playwright-core, which downloads no browser).
const chromium =
  process.env.STACKHOOK_TEST_CHROMIUM ||
  (await findExecutable('chromium')) ||
  (await log.step('install chromium', async () => {
    if (!(await canAptInstall()))
      throw new Error('the web page tests need chromium: apt-get install -y chromium');
    await aptInstall(['chromium'], log, false);
    return (await findExecutable('chromium'))!;
  }));
const postgres = await log.step('PostgreSQL for the catalog tests', () => ensureLocalPostgres(log, true));
// The real pyAMI (ATLAS's AMI client) from PyPI, for the catalog's AMI endpoints.
const pyami = await log.step('pyAMI virtualenv', () => ensurePyAmiVenv(log, true));
// The real `requests` from PyPI, for the build API as ad-build's build scripts call it.
const requests = await log.step('requests virtualenv', () => ensureRequestsVenv(log, true));
const base = await log.step('base image for test fixtures', () =>
  resolveBaseImage(environment.engine, TEST_BASE, 'test setup', log),
);
// IMS remote build nodes: sshds on loopback, each in front of a podman of its own storage.
const buildNodes = await log.step('remote build nodes over ssh on loopback', () =>
  startLoopbackBuildNodes(environment.podman, environment.runtime.env, log),
);
log.info(
  `podman ${await environment.engine.version()}; ${environment.runtime.reason}; socket ${environment.socket}`,
);
log.info(
  `registry ${environment.registry?.address} (${environment.registry?.how}); base ${base.reference} (${base.how})`,
);

const jestEnv = {
  ...environment.runtime.env,
  STACKHOOK_RUNTIME_CHECKED: '1',
  STACKHOOK_PODMAN: environment.podman,
  STACKHOOK_PODMAN_SOCKET: environment.socket,
  STACKHOOK_TEST_REGISTRY: environment.registry?.address ?? '',
  STACKHOOK_TEST_BASE_IMAGE: base.reference,
  STACKHOOK_TEST_POSTGRES: postgres.url,
  STACKHOOK_TEST_CHROMIUM: chromium,
  STACKHOOK_TEST_PYAMI_BIN: pyami.bin,
  STACKHOOK_TEST_REQUESTS_PYTHON: path.join(requests.bin, 'python'),
  STACKHOOK_TEST_BUILD_NODES: JSON.stringify(buildNodes),
};
const runJest = async (args: readonly string[]) => {
  const jest = await execa(
    process.execPath,
    ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--runInBand', ...args],
    {
      stdio: 'inherit',
      reject: false,
      env: jestEnv,
    },
  );
  return jest.exitCode ?? 1;
};
const userArgs = process.argv.slice(2);
// The Ctrl-C test runs on its own first: after the other integration files it has been seen to wait for the
// hung probe instead of interrupting it (open question, see the issue notes).
const SIGINT_TEST = 'test/cli/sigint.int.test.ts';
const first = userArgs.length === 0 ? await runJest([SIGINT_TEST]) : 0;
const rest = await runJest(userArgs.length === 0 ? ['--testPathIgnorePatterns', 'sigint'] : userArgs);
process.exitCode = first || rest;
