import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { SoftDeletable } from '../soft-deletable.js';
import { idParams, undeleteBody } from './recipe-schemas.js';

/**
 * IMS's deletion routes for one resource: `DELETE /ims/v3/<plural>/{id}` (soft), and under
 * `/ims/v3/deleted/<plural>`: list, get, PATCH `{ "operation": "undelete" }`, DELETE for good. Deleting needs
 * an admin key (as every DELETE), undeleting a writer's.
 */
export async function softDeleteRoutes<R>(
  instance: FastifyInstance,
  options: { plural: string; records: SoftDeletable<R> },
): Promise<void> {
  const { plural, records } = options;
  const tags = ['ims'];
  // Generic over the record, so not a FastifyPluginAsyncTypebox: the provider is applied here instead.
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  app.delete(`/ims/v3/${plural}/:id`, { schema: { tags, params: idParams } }, async (request, reply) => {
    await records.softDelete(request.params.id);
    return reply.code(204).send();
  });
  app.get(`/ims/v3/deleted/${plural}`, { schema: { tags } }, async () => records.list(true));
  app.get(`/ims/v3/deleted/${plural}/:id`, { schema: { tags, params: idParams } }, async (request) =>
    records.get(request.params.id, true),
  );
  app.patch(
    `/ims/v3/deleted/${plural}/:id`,
    { schema: { tags, params: idParams, body: undeleteBody } },
    async (request) => records.undelete(request.params.id),
  );
  app.delete(
    `/ims/v3/deleted/${plural}/:id`,
    { schema: { tags, params: idParams } },
    async (request, reply) => {
      await records.purge(request.params.id);
      return reply.code(204).send();
    },
  );
}
