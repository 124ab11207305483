import { PodmanEngine } from '../engine/podman-engine.js';
import { prepareEnvironment } from '../environment/prepare-environment.js';
import type { Log } from '../log/log.js';
import { AuthFile, type OpenAuthFileRequest } from '../registry/auth-file.js';

export interface PreparedPodman extends AsyncDisposable {
  /** podman with the run's credentials: every pull and push of the run (bases, parents, previous builds) reads them. */
  engine: PodmanEngine;
  authFile: AuthFile;
}

/**
 * podman found (and started) as this machine needs it, and the run's registry credentials opened (a login is
 * done by podman itself). The auth file reaches podman through the engine's own environment
 * (REGISTRY_AUTH_FILE), never through this process's.
 */
export async function preparePodman(
  log: Log,
  credentials: Omit<OpenAuthFileRequest, 'engine' | 'log'>,
): Promise<PreparedPodman> {
  const prepared = await log.step('prepare podman', () => prepareEnvironment({ log, provision: true }));
  const authFile = await AuthFile.open({ ...credentials, engine: prepared.engine, log });
  const engine = authFile.file
    ? new PodmanEngine({
        binary: prepared.podman,
        env: { ...prepared.runtime.env, REGISTRY_AUTH_FILE: authFile.file },
        socketPath: prepared.socket,
      })
    : prepared.engine;
  return { engine, authFile, [Symbol.asyncDispose]: () => authFile[Symbol.asyncDispose]() };
}
