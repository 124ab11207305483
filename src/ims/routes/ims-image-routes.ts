import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import * as Type from '../../service/schemas/type.js';
import { softDeleteRoutes } from './soft-delete-routes.js';
import type { ImsImageRepository } from '../ims-image-repository.js';
import { createdMetadata, MOST_METADATA_KEYS } from '../image-metadata.js';
import { idParams, imsArch, imsLink } from './recipe-schemas.js';

const metadataKey = Type.String({ minLength: 1, maxLength: 256 });
const metadataValue = Type.String({ maxLength: 4096 });

const newImageBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 256 }),
    arch: Type.Optional(imsArch),
    link: Type.Optional(imsLink),
    /** A string map, or Cray's one `{"key", "value"}` pair. */
    metadata: Type.Optional(
      Type.Record(Type.String(), metadataValue, {
        maxProperties: MOST_METADATA_KEYS,
        propertyNames: { minLength: 1, maxLength: 256 },
      }),
    ),
  },
  { additionalProperties: false },
);

/** Cray's ImagePatchRecord: each field optional; metadata is one operation. */
const patchImageBody = Type.Object(
  {
    link: Type.Optional(imsLink),
    arch: Type.Optional(imsArch),
    metadata: Type.Optional(
      Type.Object(
        {
          operation: Type.Enum(['set', 'remove'], { type: 'string' }),
          key: metadataKey,
          value: Type.Optional(metadataValue),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** /ims/v3/images and /ims/v3/deleted/images; GET .../manifest returns the checked manifest. */
export const imsImageRoutes: FastifyPluginAsyncTypebox<{ images: ImsImageRepository }> = async (
  app,
  options,
) => {
  const { images } = options;
  const tags = ['ims'];
  app.get('/ims/v3/images', { schema: { tags } }, async () => images.list(false));
  app.post('/ims/v3/images', { schema: { tags, body: newImageBody } }, async (request, reply) => {
    const { metadata, ...image } = request.body;
    return reply.code(201).send(await images.create({ ...image, metadata: createdMetadata(metadata) }));
  });
  app.get('/ims/v3/images/:id', { schema: { tags, params: idParams } }, async (request) =>
    images.get(request.params.id),
  );
  app.get('/ims/v3/images/:id/manifest', { schema: { tags, params: idParams } }, async (request) =>
    images.manifest(request.params.id),
  );
  app.patch(
    '/ims/v3/images/:id',
    { schema: { tags, params: idParams, body: patchImageBody } },
    async (request) => images.patch(request.params.id, request.body),
  );
  await app.register(softDeleteRoutes, { plural: 'images', records: images });
};
