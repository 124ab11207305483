import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { searchTable } from '../catalog-search.js';
import { notFoundError } from '../../errors/not-found-error.js';
import { fromAmi, toAmi } from './ami-names.js';
import { addImageBody, imageIdParams, imageQuery, updateImageBody } from './image-schemas.js';

/** /api/v1/images: AddImage, search, GetImageInfo, UpdateImage, DellImage. */
export const imageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/api/v1/images', { schema: { body: addImageBody, tags: ['images'] } }, async (request, reply) => {
    const { image, created } = await app.catalog.images.add(fromAmi(request.body), request.actor);
    return reply.code(created ? 201 : 200).send(toAmi(image));
  });

  app.get('/api/v1/images', { schema: { querystring: imageQuery, tags: ['images'] } }, async (request) => {
    const { limit, offset, ...filters } = request.query;
    const { rows, total } = await searchTable(app.catalog.db, 'image', fromAmi(filters), { limit, offset });
    return { total, limit, offset, rows: rows.map(toAmi) };
  });

  app.get('/api/v1/images/:id', { schema: { params: imageIdParams, tags: ['images'] } }, async (request) => {
    const { id } = request.params;
    const image = await app.catalog.images.get(id);
    if (!image) throw notFoundError(`image ${id}`);
    return toAmi(image);
  });

  app.patch(
    '/api/v1/images/:id',
    { schema: { params: imageIdParams, body: updateImageBody, tags: ['images'] } },
    async (request) => {
      const { id } = request.params;
      const { HASH_DIGEST } = request.body;
      return toAmi(await app.catalog.images.update(id, { hash_digest: HASH_DIGEST }, request.actor));
    },
  );

  app.delete(
    '/api/v1/images/:id',
    { schema: { params: imageIdParams, tags: ['images'] } },
    async (request) => {
      const { id } = request.params;
      return toAmi(await app.catalog.images.delete(id, request.actor));
    },
  );
};
