import {
  CATALOG_FIELD_GRAMMAR as GRAMMAR,
  CATALOG_INTEGER,
  PAGE_PROPERTIES,
} from '../catalog-field-grammar.js';
import { IMAGE_FIELDS } from './ami-names.js';

/** AddImage: where it was published, the SW-Tag, the digest; the counter and audit fields are the service's. */
export const addImageBody = {
  type: 'object',
  additionalProperties: false,
  required: ['REGISTRY', 'REPOSITORY_USER', 'REPOSITORY_NAME', 'REPOSITORY_SWTAG', 'HASH_DIGEST'],
  properties: {
    REGISTRY: GRAMMAR.REGISTRY,
    REPOSITORY_USER: GRAMMAR.REPOSITORY_PATH,
    REPOSITORY_NAME: GRAMMAR.REPOSITORY_PATH,
    REPOSITORY_SWTAG: GRAMMAR.REPOSITORY_SWTAG,
    HASH_DIGEST: GRAMMAR.HASH_DIGEST,
  },
} as const;

export const updateImageBody = {
  type: 'object',
  additionalProperties: false,
  required: ['HASH_DIGEST'],
  properties: { HASH_DIGEST: GRAMMAR.HASH_DIGEST },
} as const;

export const imageQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...Object.fromEntries(
      IMAGE_FIELDS.map((field) => [
        field,
        field === 'ID' || field === 'REPOSITORY_COUNTER'
          ? CATALOG_INTEGER
          : { type: 'string', maxLength: 512 },
      ]),
    ),
    ...PAGE_PROPERTIES,
  },
} as const;

export const imageIdParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { ...CATALOG_INTEGER, minimum: 1 } },
} as const;
