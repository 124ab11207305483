import os from 'node:os';
import path from 'node:path';
import { pathExists } from '../fs/path-exists.js';

/**
 * The auth file podman itself would use when none is given (`podman login` writes there), first found:
 * REGISTRY_AUTH_FILE, the runtime dir's containers/auth.json (/run/containers/<uid> for root),
 * ~/.config/containers/auth.json, then Docker's ~/.docker/config.json.
 */
export async function defaultAuthFile(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const uid = process.getuid?.() ?? 0;
  const runtimeDir = env.XDG_RUNTIME_DIR ?? (uid === 0 ? `/run/containers/${uid}` : undefined);
  const home = env.HOME ?? os.homedir();
  const candidates = [
    env.REGISTRY_AUTH_FILE,
    runtimeDir && path.join(runtimeDir, env.XDG_RUNTIME_DIR ? 'containers' : '', 'auth.json'),
    path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'containers', 'auth.json'),
    path.join(env.DOCKER_CONFIG ?? path.join(home, '.docker'), 'config.json'),
  ];
  for (const candidate of candidates) {
    if (candidate && (await pathExists(candidate))) return candidate;
  }
  return undefined;
}
