import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ArtifactStore } from '../../src/artifacts/artifact-store.js';
import { FilesystemArtifactStore } from '../../src/artifacts/filesystem-artifact-store.js';

/**
 * Expects a store to hold exactly these objects and nothing else: no orphan, no half-written or staged upload.
 * On the filesystem every file under the root counts (`.partial` files and `.meta/` included, each object
 * having its `.meta/<key>.json`); on S3 every key under the store's prefix.
 */
export async function expectStoreHolds(store: ArtifactStore, keys: string[]): Promise<void> {
  if (store instanceof FilesystemArtifactStore) {
    const entries = await readdir(store.location, { recursive: true, withFileTypes: true }).catch(() => []);
    const files = entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(store.location, path.join(entry.parentPath, entry.name)));
    expect(files.sort()).toEqual([...keys, ...keys.map((key) => `.meta/${key}.json`)].sort());
  } else {
    expect(await store.list('')).toEqual([...keys].sort());
  }
}
