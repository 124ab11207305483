import type { ArtifactStore, StoredArtifact } from '../../artifacts/artifact-store.js';
import { md5Of } from '../../artifacts/md5-of.js';
import { StackhookError } from '../../errors/stackhook-error.js';
import { componentArtifactKey } from './component-artifact-key.js';
import type { ComponentKey } from './component-job-repository.js';

/** Stores in flight, per store and artifact key: PUT /component and component builds take turns on one key. */
const running = new WeakMap<ArtifactStore, Map<string, Promise<unknown>>>();

/**
 * Stores `file` as the component's tarball unless one is stored: the same bytes again are stored already
 * (created false), other bytes a 409 naming `subject` (a component's tag never changes, whoever stored it
 * first: a PUT, or a build that ran meanwhile). Calls for one key, in this process, run one after the other.
 */
export async function storeComponentOnce(
  store: ArtifactStore,
  key: ComponentKey,
  file: string,
  subject: string,
): Promise<{ artifact: StoredArtifact; created: boolean }> {
  const { md5 } = await md5Of({ file });
  const artifactKey = componentArtifactKey(key);
  return serially(store, artifactKey, async () => {
    const existing = await store.head(artifactKey);
    if (existing?.md5 === md5) return { artifact: existing, created: false };
    if (existing)
      throw new StackhookError({
        kind: 'input',
        status: 409,
        description: `${key.component} ${key.tag} (${key.architecture}) is stored already, with other bytes (md5 ${existing.md5}); a component's tag never changes`,
        subject,
      });
    return { artifact: await store.put(artifactKey, { file }, 'application/gzip'), created: true };
  });
}

function serially<T>(store: ArtifactStore, key: string, work: () => Promise<T>): Promise<T> {
  const keys = running.get(store) ?? new Map<string, Promise<unknown>>();
  running.set(store, keys);
  const mine = (keys.get(key) ?? Promise.resolve()).catch(() => undefined).then(work);
  const settled = mine.catch(() => undefined);
  keys.set(key, settled);
  void settled.then(() => keys.get(key) === settled && keys.delete(key));
  return mine;
}
