import type { Log } from '../log/log.js';
import { inputError } from '../errors/stackhook-error.js';
import { aptInstall, canAptInstall } from './apt-install.js';
import { findExecutable } from './find-executable.js';

export const PODMAN_INSTALL_FIX = "apt-get install -y podman runc   (or your distribution's podman package)";

/**
 * Finds podman: $STACKHOOK_PODMAN, then PATH, then (root on Debian, when allowed) installs podman and runc.
 * Each strategy logs why it was skipped.
 */
export async function findPodman(log: Log, install: boolean): Promise<string> {
  const fromEnv = process.env.STACKHOOK_PODMAN;
  if (fromEnv) return fromEnv;
  log.debug('podman: STACKHOOK_PODMAN not set');
  const onPath = await findExecutable('podman');
  if (onPath) return onPath;
  log.debug('podman: not on PATH');
  if (!install) throw inputError('podman is not installed', 'podman', `fix: ${PODMAN_INSTALL_FIX}`);
  if (!(await canAptInstall())) {
    throw inputError(
      'podman is not installed and this process cannot install it (needs root and apt-get)',
      'podman',
      `fix: ${PODMAN_INSTALL_FIX}`,
    );
  }
  log.info('podman is missing: installing podman and runc with apt-get');
  await aptInstall(['podman', 'runc'], log);
  const installed = await findExecutable('podman');
  if (!installed) throw inputError('podman is still missing after apt-get install', 'podman');
  return installed;
}
