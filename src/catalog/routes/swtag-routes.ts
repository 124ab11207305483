import type { FastifyInstance } from 'fastify';
import { searchTable } from '../catalog-search.js';
import { notFoundError } from '../../errors/not-found-error.js';
import type { SwTagFields } from '../swtag-fields.js';
import { fromAmi, toAmi } from './ami-names.js';
import { addSwTagBody, swTagQuery, tagNameParams, updateSwTagBody } from './swtag-schemas.js';

type Query = Record<string, string | number> & { limit: number; offset: number };

/** /api/v1/swtags: AddSWTag, search, GetSWTagInfo, UpdateSWTag, ListImagesForSWTag. */
export async function swTagRoutes(app: FastifyInstance): Promise<void> {
  app.post('/api/v1/swtags', { schema: { body: addSwTagBody, tags: ['swtags'] } }, async (request, reply) => {
    const { tag, created } = await app.catalog.swtags.add(
      fromAmi(request.body as Record<string, unknown>) as unknown as SwTagFields,
      request.actor,
    );
    return reply.code(created ? 201 : 200).send(toAmi(tag));
  });

  app.get('/api/v1/swtags', { schema: { querystring: swTagQuery, tags: ['swtags'] } }, async (request) => {
    const { limit, offset, ...filters } = request.query as Query;
    const { rows, total } = await searchTable(
      app.catalog.db,
      'swtag',
      fromAmi(filters) as Record<string, string>,
      { limit, offset },
    );
    return { total, limit, offset, rows: rows.map(toAmi) };
  });

  app.get(
    '/api/v1/swtags/:tagName',
    { schema: { params: tagNameParams, tags: ['swtags'] } },
    async (request) => {
      const { tagName } = request.params as { tagName: string };
      const tag = await app.catalog.swtags.get(tagName);
      if (!tag) throw notFoundError(`SW-Tag ${tagName}`, { subject: tagName });
      return toAmi(tag);
    },
  );

  app.patch(
    '/api/v1/swtags/:tagName',
    { schema: { params: tagNameParams, body: updateSwTagBody, tags: ['swtags'] } },
    async (request) => {
      const { tagName } = request.params as { tagName: string };
      return toAmi(
        await app.catalog.swtags.update(
          tagName,
          fromAmi(request.body as Record<string, unknown>) as Partial<SwTagFields>,
          request.actor,
        ),
      );
    },
  );

  app.get(
    '/api/v1/swtags/:tagName/images',
    { schema: { params: tagNameParams, tags: ['swtags'] } },
    async (request) => {
      const { tagName } = request.params as { tagName: string };
      if (!(await app.catalog.swtags.get(tagName)))
        throw notFoundError(`SW-Tag ${tagName}`, { subject: tagName });
      return (await app.catalog.images.listForSwTag(tagName)).map(toAmi);
    },
  );
}
