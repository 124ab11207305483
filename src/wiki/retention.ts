import { rm } from 'node:fs/promises';
import path from 'node:path';
import { wikiManifests } from './wiki-manifests.js';

/** docker-stacks keeps 4500 manifests: a GitHub wiki stops rendering pages beyond a few thousand files. */
export const DEFAULT_KEEP = 4500;

/** Deletes all but the `keep` newest manifests; returns the deleted ones, relative to the wiki. */
export async function removeOldManifests(wikiDir: string, keep: number = DEFAULT_KEEP): Promise<string[]> {
  const old = (await wikiManifests(wikiDir)).slice(keep).map((manifest) => manifest.relative);
  for (const relative of old) await rm(path.join(wikiDir, relative));
  return old;
}
