import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runCommand, tail } from '../engine/run-command.js';
import { stageError } from '../errors/stackhook-error.js';
import { pathExists } from '../fs/path-exists.js';
import type { Log } from '../log/log.js';
import { aptInstall, canAptInstall } from './apt-install.js';
import { stateDir } from './state-dir.js';

export interface PythonVenv {
  /** The venv's bin folder (`python`, `pip`, the packages' scripts). */
  bin: string;
  how: string;
}

export interface PythonVenvRequest {
  /** The venv's folder under the state folder, e.g. `pyami-5.1.10`: a new version is a new venv. */
  name: string;
  /** What the venv is for, in errors (`pyAMI`). */
  what: string;
  /** pip requirements with exact versions (`requests==2.34.2`). */
  packages: readonly string[];
  log: Log;
  /** May install Debian's python3-venv when venv lacks ensurepip. */
  install: boolean;
  /** Runs once the packages are in, with the venv's site-packages folder. */
  finish?: (sitePackages: string) => Promise<void>;
}

/**
 * A virtualenv of packages from PyPI under the state folder, made once (a `.stackhook-ready` file says it is
 * complete): python3 -m venv (with Debian's python3-venv installed when it is missing and this process may),
 * then pip install of the exact versions.
 */
export async function ensurePythonVenv(request: PythonVenvRequest): Promise<PythonVenv> {
  const dir = path.join(stateDir(), request.name);
  const bin = path.join(dir, 'bin');
  const ready = path.join(dir, '.stackhook-ready');
  if (await pathExists(ready)) return { bin, how: `cached in ${dir}` };
  const python = 'python3';
  const run = async (file: string, args: string[], what: string) => {
    const result = await runCommand(file, args, { timeoutMs: 600_000 });
    if (result.exitCode !== 0)
      throw stageError(`${what} failed`, request.what, tail(result.stderr || result.stdout, 10));
    return result.stdout.trim();
  };
  // Debian's python3 has venv but not ensurepip without python3-venv.
  const venvReady = (await runCommand(python, ['-c', 'import ensurepip, venv'])).exitCode === 0;
  if (!venvReady) {
    if (!request.install || !(await canAptInstall()))
      throw stageError(
        'python3 -m venv needs ensurepip',
        request.what,
        'fix: apt-get install -y python3-venv',
      );
    await aptInstall(['python3-venv'], request.log, false);
  }
  await rm(dir, { recursive: true, force: true });
  await run(python, ['-m', 'venv', dir], 'python3 -m venv');
  request.log.info(`pip install ${request.packages.join(' ')}`);
  await run(
    path.join(bin, 'pip'),
    ['install', '--quiet', '--disable-pip-version-check', ...request.packages],
    `pip install ${request.what}`,
  );
  if (request.finish) {
    const sitePackages = await run(
      path.join(bin, 'python'),
      ['-c', "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
      'finding site-packages',
    );
    await request.finish(sitePackages);
  }
  await writeFile(ready, `${request.packages.join('\n')}\n`);
  return { bin, how: `made in ${dir}` };
}
