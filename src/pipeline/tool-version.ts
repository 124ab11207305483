import { readFileSync } from 'node:fs';

/** stackhook's own version, from its package.json (two folders up from src/, three from dist/src/). */
export function toolVersion(): string {
  for (const relative of ['../../package.json', '../../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === 'stackhook' && manifest.version) return manifest.version;
    } catch {
      // not this folder
    }
  }
  return 'unknown';
}
