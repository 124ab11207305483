import type { StoredArtifact } from '../../artifacts/artifact-store.js';
import type { ComponentKey } from './component-job-repository.js';

/** What the build API answers for a stored component: its key, size, md5 and where GET fetches it. */
export function describeComponent({ component, tag, architecture }: ComponentKey, artifact: StoredArtifact) {
  return {
    component,
    tag,
    architecture,
    size: artifact.size,
    md5: artifact.md5,
    url: `/build/component?${new URLSearchParams({ component, tag, architecture })}`,
    // The draft's words for it (their server answers `{"status": "Component Exists", "component": ...}`).
    status: 'Component exists',
  };
}
