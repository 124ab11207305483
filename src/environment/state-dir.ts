import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where stackhook keeps what it starts and makes for this project (sockets, registry data, root filesystems). */
export function stateDir(): string {
  return path.resolve(process.env.STACKHOOK_STATE_DIR ?? '.stackhook');
}

/** The installed stackhook package (for the config files it ships). */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const PROJECT_CONTAINERS_CONF = path.join(PACKAGE_ROOT, 'config', 'containers.conf');
