import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where stackhook keeps what it starts and makes for this project (sockets, registry data, root filesystems). */
export function stateDir(): string {
  return path.resolve(process.env.STACKHOOK_STATE_DIR ?? '.stackhook');
}

/**
 * The installed stackhook package (for its version and the config files it ships): the nearest folder up from
 * this code with stackhook's package.json — src/environment/ in a checkout, dist/src/environment/ compiled,
 * dist/ in the Action's bundle.
 */
export const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (manifest.name === 'stackhook') return dir;
    } catch {
      // not here
    }
    if (path.dirname(dir) === dir) return path.resolve(from, '..', '..');
  }
}

export const PROJECT_CONTAINERS_CONF = path.join(PACKAGE_ROOT, 'config', 'containers.conf');
