import type { FastifyInstance, InjectOptions } from 'fastify';

/** app.inject with an API key (`Authorization: Bearer <key>`) added to every request. */
export function injectAs(app: () => FastifyInstance, key: () => string) {
  return (request: string | InjectOptions) => {
    const options = typeof request === 'string' ? { url: request } : request;
    return app().inject({ ...options, headers: { authorization: `Bearer ${key()}`, ...options.headers } });
  };
}
