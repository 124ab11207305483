import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Log } from '../log/log.js';
import { ensurePythonVenv, type PythonVenv } from './python-venv.js';
import { PACKAGE_ROOT } from './state-dir.js';

/** The pyAMI the tests run (pyami-core and pyami-atlas from PyPI): the venv is cached per version. */
export const PYAMI_VERSION = '5.1.10';

/** The venv's bin folder has `ami`, `ami_atlas`, `python`. */
export type PyAmiVenv = PythonVenv;

const ENDPOINT_HOOK = path.join(PACKAGE_ROOT, 'config', 'pyami', 'stackhook_pyami_endpoint.py');

/**
 * A virtualenv with the real pyAMI, under the state folder (`pyami-<version>`), made once, with the endpoint
 * hook (config/pyami) and its `.pth` in site-packages. pyAMI's own files stay as PyPI ships them.
 */
export function ensurePyAmiVenv(log: Log, install: boolean): Promise<PyAmiVenv> {
  return ensurePythonVenv({
    name: `pyami-${PYAMI_VERSION}`,
    what: 'pyAMI',
    packages: [`pyami-core==${PYAMI_VERSION}`, `pyami-atlas==${PYAMI_VERSION}`],
    log,
    install,
    finish: async (sitePackages) => {
      await copyFile(ENDPOINT_HOOK, path.join(sitePackages, 'stackhook_pyami_endpoint.py'));
      await writeFile(
        path.join(sitePackages, 'stackhook_pyami_endpoint.pth'),
        'import stackhook_pyami_endpoint\n',
      );
    },
  });
}
