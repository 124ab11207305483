import type { FastifyInstance } from 'fastify';
import { verifyApiKey } from '../api-keys.js';
import { SESSION_COOKIE } from '../catalog-auth.js';
import { loginPage, safeNext } from './login-page.js';
import { requireSameOrigin } from './page-access.js';
import { pageLayout } from './page-layout.js';

const EIGHT_HOURS = 8 * 60 * 60;

/** Logging in with an API key (kept in an HttpOnly, SameSite=Strict cookie) and out again. */
export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  const config = { role: 'in-handler', page: true } as const;

  app.get('/login', { config }, async (request, reply) => {
    const next = safeNext((request.query as { next?: unknown }).next);
    return reply
      .type('text/html; charset=utf-8')
      .send(pageLayout({ title: 'Log in', actor: request.actor, path: next, body: loginPage(next) }));
  });

  app.post('/login', { config }, async (request, reply) => {
    requireSameOrigin(request);
    const { key, next } = (request.body ?? {}) as { key?: unknown; next?: unknown };
    const found = typeof key === 'string' ? await verifyApiKey(app.catalog.db, key.trim()) : undefined;
    if (!found) {
      app.authFailures.record(request.ip);
      const body = loginPage(safeNext(next), 'That key is unknown or malformed.');
      return reply
        .code(401)
        .type('text/html; charset=utf-8')
        .send(pageLayout({ title: 'Log in', actor: request.actor, path: safeNext(next), body }));
    }
    void reply.setCookie(SESSION_COOKIE, (key as string).trim(), {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: request.protocol === 'https',
      maxAge: EIGHT_HOURS,
    });
    return reply.redirect(safeNext(next), 303);
  });

  app.post('/logout', { config }, async (request, reply) => {
    requireSameOrigin(request);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/', 303);
  });
}
