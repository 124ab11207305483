import type { SwTagFields } from '../catalog/swtag-fields.js';
import type { ImagePublication } from '../catalog/image-repository.js';

/** What registration needs of a SW-Tag catalog, wherever it is (a service, or a database on this machine). */
export interface CatalogWriter extends AsyncDisposable {
  /** For logs: the URL or the file (never a password). */
  readonly location: string;
  /** Fails (exit 2) unless the writes will be allowed: a writer key for a service. */
  checkAccess(signal?: AbortSignal): Promise<void>;
  /** AddSWTag: the tag of this identity, made when there was none. */
  addSwTag(fields: SwTagFields, signal?: AbortSignal): Promise<{ tagname: string; created: boolean }>;
  /** AddImage: idempotent for the same publication; REPOSITORY_COUNTER is the catalog's. */
  addImage(
    publication: ImagePublication,
    signal?: AbortSignal,
  ): Promise<{ id: number; counter: number; created: boolean }>;
}
