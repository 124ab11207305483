import * as Type from '../../service/schemas/type.js';
import {
  CATALOG_FIELD_GRAMMAR as GRAMMAR,
  catalogInteger,
  PAGE_PROPERTIES,
} from '../catalog-field-grammar.js';
import { IMAGE_FIELDS } from './ami-names.js';
import { searchProperties } from './search-properties.js';

/** AddImage: where it was published, the SW-Tag, the digest; the counter and audit fields are the service's. */
export const addImageBody = Type.Object(
  {
    REGISTRY: GRAMMAR.REGISTRY,
    REPOSITORY_USER: GRAMMAR.REPOSITORY_PATH,
    REPOSITORY_NAME: GRAMMAR.REPOSITORY_PATH,
    REPOSITORY_SWTAG: GRAMMAR.REPOSITORY_SWTAG,
    HASH_DIGEST: GRAMMAR.HASH_DIGEST,
  },
  { additionalProperties: false },
);

export const updateImageBody = Type.Object(
  { HASH_DIGEST: GRAMMAR.HASH_DIGEST },
  { additionalProperties: false },
);

export const imageQuery = Type.Object(
  { ...searchProperties(IMAGE_FIELDS, ['ID', 'REPOSITORY_COUNTER']), ...PAGE_PROPERTIES },
  { additionalProperties: false },
);

export const imageIdParams = Type.Object({ id: catalogInteger({ minimum: 1 }) });
