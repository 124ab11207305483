import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import * as Type from '../../service/schemas/type.js';
import { softDeleteRoutes } from './soft-delete-routes.js';
import type { ImsImageRepository } from '../ims-image-repository.js';
import { idParams, imsLink, patchRecipeBody as patchLinkBody } from './recipe-schemas.js';

const newImageBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 256 }),
    arch: Type.Optional(Type.Enum(['x86_64', 'aarch64'], { type: 'string' })),
    link: Type.Optional(imsLink),
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
  app.post('/ims/v3/images', { schema: { tags, body: newImageBody } }, async (request, reply) =>
    reply.code(201).send(await images.create(request.body)),
  );
  app.get('/ims/v3/images/:id', { schema: { tags, params: idParams } }, async (request) =>
    images.get(request.params.id),
  );
  app.get('/ims/v3/images/:id/manifest', { schema: { tags, params: idParams } }, async (request) =>
    images.manifest(request.params.id),
  );
  app.patch(
    '/ims/v3/images/:id',
    { schema: { tags, params: idParams, body: patchLinkBody } },
    async (request) => images.setLink(request.params.id, request.body.link),
  );
  await app.register(softDeleteRoutes, { plural: 'images', records: images });
};
