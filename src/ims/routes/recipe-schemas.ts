import * as Type from '../../service/schemas/type.js';

/** IMS v3's bodies: unknown fields are refused (fastify is set not to drop them). */
export const imsLink = Type.Object(
  {
    path: Type.String({ minLength: 1, maxLength: 2048 }),
    /** Cray's is optional: without it, the link takes the store object's etag. */
    etag: Type.Optional(Type.String({ maxLength: 256 })),
    type: Type.Enum(['s3', 'file'], { type: 'string' }),
  },
  { additionalProperties: false },
);

/** stackhook's recipe types, and Cray's (kiwi-ng; packer recipes are stored, their jobs refused). */
export const RECIPE_TYPES = ['debootstrap', 'containerfile', 'kiwi-ng', 'packer'] as const;

/** A target architecture, as Cray names them. */
export const imsArch = Type.Enum(['x86_64', 'aarch64'], { type: 'string' });

const templateDictionary = Type.Array(
  Type.Object(
    {
      key: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' }),
      value: Type.String({ maxLength: 4096 }),
    },
    { additionalProperties: false },
  ),
  { maxItems: 64 },
);

export const newRecipeBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 256 }),
    recipe_type: Type.Enum([...RECIPE_TYPES], { type: 'string' }),
    // Cray's sles12, sles15, centos7 as well as debian, ubuntu...: it names the root, never a path.
    linux_distribution: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' }),
    template_dictionary: Type.Optional(templateDictionary),
    arch: Type.Optional(imsArch),
    require_dkms: Type.Optional(Type.Boolean()),
    link: Type.Optional(imsLink),
  },
  { additionalProperties: false },
);

/** Cray's RecipePatchRecord: each field optional (an empty body is a 400, as Cray's). */
export const patchRecipeBody = Type.Object(
  {
    link: Type.Optional(imsLink),
    arch: Type.Optional(imsArch),
    require_dkms: Type.Optional(Type.Boolean()),
    template_dictionary: Type.Optional(templateDictionary),
  },
  { additionalProperties: false },
);

export const undeleteBody = Type.Object(
  { operation: Type.Enum(['undelete'], { type: 'string' }) },
  { additionalProperties: false },
);

export const idParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
