import { IMAGE_FIELDS } from './ami-names.js';

const text = { type: 'string', minLength: 1, maxLength: 512 } as const;
const digest = { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' } as const;

/** AddImage: where it was published, the SW-Tag, the digest; the counter and audit fields are the service's. */
export const addImageBody = {
  type: 'object',
  additionalProperties: false,
  required: ['REGISTRY', 'REPOSITORY_USER', 'REPOSITORY_NAME', 'REPOSITORY_SWTAG', 'HASH_DIGEST'],
  properties: {
    REGISTRY: text,
    REPOSITORY_USER: text,
    REPOSITORY_NAME: text,
    REPOSITORY_SWTAG: { type: 'string', pattern: '^sw[0-9]+$' },
    HASH_DIGEST: digest,
  },
} as const;

export const updateImageBody = {
  type: 'object',
  additionalProperties: false,
  required: ['HASH_DIGEST'],
  properties: { HASH_DIGEST: digest },
} as const;

export const imageQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...Object.fromEntries(
      IMAGE_FIELDS.map((field) => [
        field,
        field === 'ID' || field === 'REPOSITORY_COUNTER'
          ? { type: 'integer' }
          : { type: 'string', maxLength: 512 },
      ]),
    ),
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
    offset: { type: 'integer', minimum: 0, default: 0 },
  },
} as const;

export const imageIdParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1 } },
} as const;
