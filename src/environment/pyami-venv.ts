import { copyFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runCommand, tail } from '../engine/run-command.js';
import { stageError } from '../errors/stackhook-error.js';
import { pathExists } from '../fs/path-exists.js';
import type { Log } from '../log/log.js';
import { aptInstall, canAptInstall } from './apt-install.js';
import { PACKAGE_ROOT, stateDir } from './state-dir.js';

/** The pyAMI the tests run (pyami-core and pyami-atlas from PyPI): the venv is cached per version. */
export const PYAMI_VERSION = '5.1.10';

export interface PyAmiVenv {
  /** The venv's bin folder: `ami`, `ami_atlas`, `python`. */
  bin: string;
  how: string;
}

const ENDPOINT_HOOK = path.join(PACKAGE_ROOT, 'config', 'pyami', 'stackhook_pyami_endpoint.py');

/**
 * A virtualenv with the real pyAMI, under the state folder (`pyami-<version>`), made once: python3 -m venv (with
 * Debian's python3-venv installed when it is missing and this process may), pip install from PyPI, and the
 * endpoint hook (config/pyami) with its `.pth` in site-packages. pyAMI's own files stay as PyPI ships them.
 */
export async function ensurePyAmiVenv(log: Log, install: boolean): Promise<PyAmiVenv> {
  const dir = path.join(stateDir(), `pyami-${PYAMI_VERSION}`);
  const bin = path.join(dir, 'bin');
  const ready = path.join(dir, '.stackhook-ready');
  if (await pathExists(ready)) return { bin, how: `cached in ${dir}` };
  const python = 'python3';
  const run = async (file: string, args: string[], what: string) => {
    const result = await runCommand(file, args, { timeoutMs: 600_000 });
    if (result.exitCode !== 0)
      throw stageError(`${what} failed`, 'pyAMI', tail(result.stderr || result.stdout, 10));
    return result.stdout.trim();
  };
  // Debian's python3 has venv but not ensurepip without python3-venv.
  const venvReady = (await runCommand(python, ['-c', 'import ensurepip, venv'])).exitCode === 0;
  if (!venvReady) {
    if (!install || !(await canAptInstall()))
      throw stageError('python3 -m venv needs ensurepip', 'pyAMI', 'fix: apt-get install -y python3-venv');
    await aptInstall(['python3-venv'], log, false);
  }
  await rm(dir, { recursive: true, force: true });
  await run(python, ['-m', 'venv', dir], 'python3 -m venv');
  log.info(`pip install pyami-core==${PYAMI_VERSION} pyami-atlas==${PYAMI_VERSION}`);
  await run(
    path.join(bin, 'pip'),
    [
      'install',
      '--quiet',
      '--disable-pip-version-check',
      `pyami-core==${PYAMI_VERSION}`,
      `pyami-atlas==${PYAMI_VERSION}`,
    ],
    'pip install pyAMI',
  );
  const sitePackages = await run(
    path.join(bin, 'python'),
    ['-c', "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
    'finding site-packages',
  );
  await copyFile(ENDPOINT_HOOK, path.join(sitePackages, 'stackhook_pyami_endpoint.py'));
  await writeFile(
    path.join(sitePackages, 'stackhook_pyami_endpoint.pth'),
    'import stackhook_pyami_endpoint\n',
  );
  await writeFile(ready, `${PYAMI_VERSION}\n`);
  return { bin, how: `made in ${dir}` };
}
