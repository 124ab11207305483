import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { SoftDeletable } from '../soft-deletable.js';
import { eachRecord } from '../each-record.js';
import { idParams, undeleteBody } from './recipe-schemas.js';

/**
 * IMS's deletion routes for one resource, one record or all of them as Cray's: `DELETE /ims/v3/<plural>[/{id}]`
 * (soft), and under `/ims/v3/deleted/<plural>`: list, get, PATCH `{ "operation": "undelete" }`, DELETE for
 * good; each answers 204. Deleting needs an admin key (as every DELETE), undeleting a writer's.
 */
export async function softDeleteRoutes<R extends { id: string }>(
  instance: FastifyInstance,
  options: { plural: string; records: SoftDeletable<R> },
): Promise<void> {
  const { plural, records } = options;
  const tags = ['ims'];
  // Generic over the record, so not a FastifyPluginAsyncTypebox: the provider is applied here instead.
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const one = { tags, params: idParams };
  app.delete(`/ims/v3/${plural}`, { schema: { tags } }, async (_request, reply) => {
    await eachRecord(records, false, (id) => records.softDelete(id));
    return reply.code(204).send();
  });
  app.delete(`/ims/v3/${plural}/:id`, { schema: one }, async (request, reply) => {
    await records.softDelete(request.params.id);
    return reply.code(204).send();
  });
  app.get(`/ims/v3/deleted/${plural}`, { schema: { tags } }, async () => records.list(true));
  app.patch(
    `/ims/v3/deleted/${plural}`,
    { schema: { tags, body: undeleteBody } },
    async (_request, reply) => {
      await eachRecord(records, true, (id) => records.undelete(id));
      return reply.code(204).send();
    },
  );
  app.delete(`/ims/v3/deleted/${plural}`, { schema: { tags } }, async (_request, reply) => {
    await eachRecord(records, true, (id) => records.purge(id));
    return reply.code(204).send();
  });
  app.get(`/ims/v3/deleted/${plural}/:id`, { schema: one }, async (request) =>
    records.get(request.params.id, true),
  );
  app.patch(
    `/ims/v3/deleted/${plural}/:id`,
    { schema: { ...one, body: undeleteBody } },
    async (request, reply) => {
      await records.undelete(request.params.id);
      return reply.code(204).send();
    },
  );
  app.delete(`/ims/v3/deleted/${plural}/:id`, { schema: one }, async (request, reply) => {
    await records.purge(request.params.id);
    return reply.code(204).send();
  });
}
