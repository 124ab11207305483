import * as Type from '../../service/schemas/type.js';

/** IMS v3's recipe bodies: unknown fields are refused (fastify is set not to drop them). */
export const imsLink = Type.Object(
  {
    path: Type.String({ minLength: 1, maxLength: 2048 }),
    etag: Type.String({ maxLength: 256 }),
    type: Type.Enum(['s3', 'file'], { type: 'string' }),
  },
  { additionalProperties: false },
);

export const RECIPE_TYPES = ['debootstrap', 'containerfile', 'kiwi-ng', 'packer'] as const;

export const newRecipeBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 256 }),
    recipe_type: Type.Enum([...RECIPE_TYPES], { type: 'string' }),
    linux_distribution: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' }),
    template_dictionary: Type.Optional(
      Type.Array(
        Type.Object(
          {
            key: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' }),
            value: Type.String({ maxLength: 4096 }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 64 },
      ),
    ),
    link: Type.Optional(imsLink),
  },
  { additionalProperties: false },
);

export const patchRecipeBody = Type.Object({ link: imsLink }, { additionalProperties: false });

export const undeleteBody = Type.Object(
  { operation: Type.Enum(['undelete'], { type: 'string' }) },
  { additionalProperties: false },
);

export const idParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
