import type { ArtifactStore } from '../artifacts/artifact-store.js';
import { keyOfLink, type ImsLink, type ImsLinkInput } from './ims-link.js';

/**
 * A client's link with an etag: its own, or (Cray's etag being optional) the etag of the store object it points
 * at, so that a record says which object it was linked to; '' when there is none (the link is refused later).
 */
export async function completeLink(store: ArtifactStore, link: ImsLinkInput): Promise<ImsLink> {
  if (link.etag !== undefined) return { path: link.path, etag: link.etag, type: link.type };
  const key = keyOfLink(store.location, link);
  const stored = key === undefined ? undefined : await store.head(key);
  return { path: link.path, etag: stored?.etag ?? '', type: link.type };
}
