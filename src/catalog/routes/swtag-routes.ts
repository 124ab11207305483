import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { searchTable } from '../catalog-search.js';
import { notFoundError } from '../../errors/not-found-error.js';
import { fromAmi, toAmi } from './ami-names.js';
import { addSwTagBody, swTagQuery, tagNameParams, updateSwTagBody } from './swtag-schemas.js';

/** /api/v1/swtags: AddSWTag, search, GetSWTagInfo, UpdateSWTag, ListImagesForSWTag. */
export const swTagRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/api/v1/swtags', { schema: { body: addSwTagBody, tags: ['swtags'] } }, async (request, reply) => {
    const { tag, created } = await app.catalog.swtags.add(fromAmi(request.body), request.actor);
    return reply.code(created ? 201 : 200).send(toAmi(tag));
  });

  app.get('/api/v1/swtags', { schema: { querystring: swTagQuery, tags: ['swtags'] } }, async (request) => {
    const { limit, offset, ...filters } = request.query;
    const { rows, total } = await searchTable(app.catalog.db, 'swtag', fromAmi(filters), { limit, offset });
    return { total, limit, offset, rows: rows.map(toAmi) };
  });

  app.get(
    '/api/v1/swtags/:tagName',
    { schema: { params: tagNameParams, tags: ['swtags'] } },
    async (request) => {
      const { tagName } = request.params;
      const tag = await app.catalog.swtags.get(tagName);
      if (!tag) throw notFoundError(`SW-Tag ${tagName}`, { subject: tagName });
      return toAmi(tag);
    },
  );

  app.patch(
    '/api/v1/swtags/:tagName',
    { schema: { params: tagNameParams, body: updateSwTagBody, tags: ['swtags'] } },
    async (request) => {
      const { tagName } = request.params;
      return toAmi(await app.catalog.swtags.update(tagName, fromAmi(request.body), request.actor));
    },
  );

  app.get(
    '/api/v1/swtags/:tagName/images',
    { schema: { params: tagNameParams, tags: ['swtags'] } },
    async (request) => {
      const { tagName } = request.params;
      if (!(await app.catalog.swtags.get(tagName)))
        throw notFoundError(`SW-Tag ${tagName}`, { subject: tagName });
      return (await app.catalog.images.listForSwTag(tagName)).map(toAmi);
    },
  );
};
