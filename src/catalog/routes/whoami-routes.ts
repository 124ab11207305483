import type { FastifyInstance } from 'fastify';

const whoami = {
  type: 'object',
  properties: { user: { type: 'string' }, role: { type: ['string', 'null'] } },
} as const;

/** GET /api/v1/whoami: whose the request's key is and its role (null without one), so clients can check first. */
export async function whoamiRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/v1/whoami',
    { schema: { tags: ['keys'], response: { 200: whoami } }, config: { role: 'in-handler' } },
    async (request) => ({ user: request.actor.user, role: request.actor.role ?? null }),
  );
}
