import type { Kysely } from 'kysely';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import type { ImsTables } from './ims-tables.js';
import { StackhookError } from '../errors/stackhook-error.js';
import { keyOfLink, type ImsLink } from './ims-link.js';
import { ImsTable } from './ims-table.js';

/** An IMS record, as the owner of its folder in the store (`recipes/<id>/`, `images/<id>/`). */
export interface RecordFolder {
  kind: 'recipe' | 'image';
  id: string;
}

/** The record whose folder a store key is in, if it is in one. */
export function folderOfKey(key: string): RecordFolder | undefined {
  const match = /^(recipes|images)\/([^/]+)\//.exec(key);
  return match ? { kind: match[1] === 'recipes' ? 'recipe' : 'image', id: match[2]! } : undefined;
}

const refused = (field: string, description: string, status = 400) =>
  new StackhookError({ kind: 'input', status, description: `${field} ${description}`, subject: field });

/**
 * The rule for every link a client sets (a recipe's archive, an image's manifest, the artifacts a manifest
 * lists): it points into this service's store (400); not under deleted/ nor at a name starting with `.` (what
 * moves on its own, and the stores' bookkeeping and uploads in progress: 400); and not into the folder of
 * another record that exists (409), whose delete would move the object from under this link. Answers the key.
 */
export async function linkTargetKey(
  db: Kysely<ImsTables>,
  store: ArtifactStore,
  link: ImsLink,
  field: string,
  owner: RecordFolder,
): Promise<string> {
  const key = keyOfLink(store.location, link);
  if (!key) throw refused(field, "is not in this service's artifact store");
  if (key.startsWith('deleted/') || key.startsWith('.'))
    throw refused(field, "points at the store's deleted/ area or its own files");
  const folder = folderOfKey(key);
  if (folder && (folder.kind !== owner.kind || folder.id !== owner.id)) {
    const table = new ImsTable(db, folder.kind === 'recipe' ? 'ims_recipe' : 'ims_image', folder.kind);
    if (await table.exists(folder.id))
      throw refused(field, `points into the folder of ${folder.kind} ${folder.id}: link your own`, 409);
  }
  return key;
}
