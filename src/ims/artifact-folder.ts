import type { ArtifactStore } from '../artifacts/artifact-store.js';

/** Moves every object under `from` to the same path under `to` (a record's artifacts across deleted/). */
export async function moveArtifactFolder(store: ArtifactStore, from: string, to: string): Promise<void> {
  for (const key of await store.list(from)) await store.move(key, `${to}${key.slice(from.length)}`);
}

/** Removes every object under `prefix`. */
export async function removeArtifactFolder(store: ArtifactStore, prefix: string): Promise<void> {
  for (const key of await store.list(prefix)) await store.delete(key);
}
