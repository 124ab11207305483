import type { Log } from '../log/log.js';
import { ensurePythonVenv, type PythonVenv } from './python-venv.js';

/** The `requests` ad-build's build scripts call the build API with (from PyPI): the venv is cached per version. */
export const REQUESTS_VERSION = '2.34.2';

/** A virtualenv with the real `requests` (`requests-<version>` under the state folder), made once. */
export function ensureRequestsVenv(log: Log, install: boolean): Promise<PythonVenv> {
  return ensurePythonVenv({
    name: `requests-${REQUESTS_VERSION}`,
    what: 'requests',
    packages: [`requests==${REQUESTS_VERSION}`],
    log,
    install,
  });
}
