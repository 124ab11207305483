import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { readManifestTimestamp } from './manifest-timestamp.js';
import { MANIFESTS_DIR } from './wiki-paths.js';

export interface WikiManifest {
  /** Relative to the wiki, with `/` separators (as git shows it). */
  relative: string;
  timestamp: string;
}

/** Open at most this many manifests at a time: a wiki holds thousands. */
const BATCH = 64;

/** Every manifest under `<wiki>/manifests`, newest first (by build timestamp, then path, as docker-stacks sorts). */
export async function wikiManifests(wikiDir: string): Promise<WikiManifest[]> {
  const root = path.join(wikiDir, MANIFESTS_DIR);
  const names = await readdir(root, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const relatives = names
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.posix.join(MANIFESTS_DIR, name.split(path.sep).join('/')));
  const manifests: WikiManifest[] = [];
  for (let start = 0; start < relatives.length; start += BATCH) {
    const batch = relatives.slice(start, start + BATCH);
    const timestamps = await Promise.all(
      batch.map((relative) => readManifestTimestamp(path.join(wikiDir, relative), `wiki ${relative}`)),
    );
    batch.forEach((relative, index) => manifests.push({ relative, timestamp: timestamps[index]! }));
  }
  const key = (manifest: WikiManifest): string => `${manifest.timestamp} ${manifest.relative}`;
  return manifests.sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
}
