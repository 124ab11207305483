import type { FastifyInstance } from 'fastify';

/**
 * On every response, pages and API alike: never framed (clickjacking; the pages' CSP says frame-ancestors
 * 'none' too, for browsers that read only one of them), never sniffed into another type.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('x-frame-options', 'DENY');
    void reply.header('x-content-type-options', 'nosniff');
  });
}
