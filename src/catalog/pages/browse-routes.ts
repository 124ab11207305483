import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import * as Type from '../../service/schemas/type.js';
import { searchTable } from '../catalog-search.js';
import { defaulted } from '../routes/defaulted.js';
import { notFoundError } from '../../errors/not-found-error.js';
import { tagNameParams } from '../routes/swtag-schemas.js';
import { pageLayout } from './page-layout.js';
import { PAGE_SIZE, searchFields, searchPage, type SearchResult } from './search-page.js';
import { swTagPage } from './swtag-page.js';

const searchQuery = Type.Object({
  kind: defaulted(Type.Enum(['swtags', 'images'], { type: 'string', default: 'swtags' })),
  field: defaulted(Type.String({ maxLength: 32, default: 'any' })),
  q: defaulted(Type.String({ maxLength: 512, default: '' })),
  page: defaulted(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  notice: Type.Optional(Type.String({ maxLength: 32 })),
});

/** Reading pages: the search at `/` and a SW-Tag's page. */
export const browseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Reads: open, or a reader's when reads need a key (the auth hook sends anonymous visitors to log in).
  const config = { page: true } as const;

  app.get('/', { config, schema: { querystring: searchQuery } }, async (request, reply) => {
    const query = request.query;
    const fields = searchFields(query.kind).map((field) => field.toLowerCase());
    // An unknown field name searches every field rather than failing: it can only come from an edited URL.
    const field = fields.includes(query.field.toLowerCase()) ? query.field.toUpperCase() : 'any';
    const found = await searchTable(
      app.catalog.db,
      query.kind === 'swtags' ? 'swtag' : 'image',
      {},
      { limit: PAGE_SIZE, offset: (query.page - 1) * PAGE_SIZE },
      {
        contains: { fields: field === 'any' ? fields : [field.toLowerCase()], text: query.q.trim() },
        newestFirst: true,
      },
    );
    const body = searchPage({ ...query, field }, { kind: query.kind, ...found } as unknown as SearchResult);
    return reply
      .type('text/html; charset=utf-8')
      .send(pageLayout({ title: 'Search', actor: request.actor, path: request.url, body }));
  });

  app.get(
    '/swtags/:tagName',
    { config, schema: { params: tagNameParams, querystring: searchQuery } },
    async (request, reply) => {
      const { tagName } = request.params;
      const tag = await app.catalog.swtags.get(tagName);
      if (!tag) throw notFoundError(`SW-Tag ${tagName}`, { subject: tagName });
      const role = request.actor.role;
      const body = swTagPage({
        tag,
        images: await app.catalog.images.listForSwTag(tagName),
        canWrite: role === 'writer' || role === 'admin',
        notice: request.query.notice,
      });
      return reply
        .type('text/html; charset=utf-8')
        .send(pageLayout({ title: `SW-Tag ${tag.tagname}`, actor: request.actor, path: request.url, body }));
    },
  );
};
