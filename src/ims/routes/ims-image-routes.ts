import type { FastifyInstance } from 'fastify';
import { softDeleteRoutes } from './soft-delete-routes.js';
import type { ImsLink } from '../ims-link.js';
import type { ImsImageRepository } from '../ims-image-repository.js';
import { idParams, patchRecipeBody as patchLinkBody } from './recipe-schemas.js';

const newImageBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 256 },
    arch: { type: 'string', enum: ['x86_64', 'aarch64'] },
    link: patchLinkBody.properties.link,
  },
} as const;

/** /ims/v3/images and /ims/v3/deleted/images; GET .../manifest returns the checked manifest. */
export async function imsImageRoutes(
  app: FastifyInstance,
  options: { images: ImsImageRepository },
): Promise<void> {
  const { images } = options;
  const tags = ['ims'];
  const id = (request: { params: unknown }) => (request.params as { id: string }).id;
  app.get('/ims/v3/images', { schema: { tags } }, async () => images.list(false));
  app.post('/ims/v3/images', { schema: { tags, body: newImageBody } }, async (request, reply) =>
    reply
      .code(201)
      .send(await images.create(request.body as { name: string; arch?: string; link?: ImsLink })),
  );
  app.get('/ims/v3/images/:id', { schema: { tags, params: idParams } }, async (request) =>
    images.get(id(request)),
  );
  app.get('/ims/v3/images/:id/manifest', { schema: { tags, params: idParams } }, async (request) =>
    images.manifest(id(request)),
  );
  app.patch(
    '/ims/v3/images/:id',
    { schema: { tags, params: idParams, body: patchLinkBody } },
    async (request) => images.setLink(id(request), (request.body as { link: ImsLink }).link),
  );
  await app.register(softDeleteRoutes, { plural: 'images', records: images });
}
