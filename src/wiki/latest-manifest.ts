import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseManifestTimestamp } from './manifest-timestamp.js';
import { MANIFESTS_DIR } from './wiki-paths.js';

export interface LatestManifest {
  /** Absolute path in the checked-out wiki. */
  path: string;
  content: string;
  timestamp: string;
}

export interface LatestManifestQuery {
  /** `<platform>-<variant>`, e.g. x86_64-default. */
  filePrefix: string;
  image: string;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function listDescending(dir: string, pattern: RegExp): Promise<string[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return [];
    throw error;
  });
  return names.filter((name) => pattern.test(name)).sort((a, b) => (a < b ? 1 : -1));
}

/**
 * The newest manifest of one image (`<filePrefix>-<image>-<sha12>.md`) in a checked-out wiki, e.g. to compare a
 * build with the previous one. Manifests sit in manifests/YYYY/YYYY-MM/ by build timestamp, so the newest month
 * that has one of the image's manifests holds the newest; within it the build timestamps decide.
 */
export async function latestManifest(
  wikiDir: string,
  query: LatestManifestQuery,
): Promise<LatestManifest | undefined> {
  const name = new RegExp(`^${escape(query.filePrefix)}-${escape(query.image)}-[0-9a-f]{12}\\.md$`);
  const root = path.join(wikiDir, MANIFESTS_DIR);
  for (const year of await listDescending(root, /^\d{4}$/)) {
    for (const month of await listDescending(path.join(root, year), /^\d{4}-\d{2}$/)) {
      const files = await listDescending(path.join(root, year, month), name);
      let latest: LatestManifest | undefined;
      for (const file of files) {
        const filePath = path.join(root, year, month, file);
        const content = await readFile(filePath, 'utf8');
        const timestamp = parseManifestTimestamp(content, filePath);
        if (!latest || timestamp > latest.timestamp) latest = { path: filePath, content, timestamp };
      }
      if (latest) return latest;
    }
  }
  return undefined;
}
