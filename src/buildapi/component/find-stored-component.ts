import type { ArtifactStore, StoredArtifact } from '../../artifacts/artifact-store.js';
import { NOARCH } from '../environment/build-environment.js';
import { componentArtifactKey } from './component-artifact-key.js';
import type { ComponentKey } from './component-job-repository.js';

/**
 * A component's stored tarball: the one of its architecture (or build environment), else the one stored
 * without one (`noarch`: PUT without `arch`, as ad-build's client puts), else undefined.
 */
export async function findStoredComponent(
  store: ArtifactStore,
  key: ComponentKey,
): Promise<StoredArtifact | undefined> {
  const own = await store.head(componentArtifactKey(key));
  if (own || key.architecture === NOARCH) return own;
  return store.head(componentArtifactKey({ ...key, architecture: NOARCH }));
}
