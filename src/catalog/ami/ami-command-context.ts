import type { Kysely } from 'kysely';
import type { CatalogTables } from '../catalog-tables.js';
import type { ImageRepository } from '../image-repository.js';
import type { SwTagRepository } from '../swtag-repository.js';
import type { Actor } from '../../service/auth/actor.js';

export interface AmiContext {
  db: Kysely<CatalogTables>;
  swtags: SwTagRepository;
  images: ImageRepository;
  actor: Actor;
  /** AddSWTag's TAGTYPE when the command gives none (`container` unless the service is told otherwise). */
  defaultTagType?: string;
}
