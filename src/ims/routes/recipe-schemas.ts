/** IMS v3's recipe bodies: unknown fields are refused (fastify is set not to drop them). */
const link = {
  type: 'object',
  additionalProperties: false,
  required: ['path', 'etag', 'type'],
  properties: {
    path: { type: 'string', minLength: 1, maxLength: 2048 },
    etag: { type: 'string', maxLength: 256 },
    type: { type: 'string', enum: ['s3', 'file'] },
  },
} as const;

export const RECIPE_TYPES = ['debootstrap', 'containerfile'] as const;

export const newRecipeBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'recipe_type', 'linux_distribution'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 256 },
    recipe_type: { type: 'string', enum: [...RECIPE_TYPES] },
    linux_distribution: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' },
    template_dictionary: {
      type: 'array',
      maxItems: 64,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'value'],
        properties: {
          key: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' },
          value: { type: 'string', maxLength: 4096 },
        },
      },
    },
    link,
  },
} as const;

export const patchRecipeBody = {
  type: 'object',
  additionalProperties: false,
  required: ['link'],
  properties: { link },
} as const;

export const undeleteBody = {
  type: 'object',
  additionalProperties: false,
  required: ['operation'],
  properties: { operation: { type: 'string', enum: ['undelete'] } },
} as const;

export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
} as const;
