import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import * as Type from '../../service/schemas/type.js';
import { SESSION_COOKIE } from '../../service/auth/service-auth.js';
import { loginPage, safeNext } from './login-page.js';
import { pageLayout } from './page-layout.js';

/**
 * Logging in with an API key and out again. A login starts a session kept in the database; the cookie (HttpOnly,
 * SameSite=Strict) holds only its id. Both are form posts, so the auth hook takes them from this site only.
 */
export const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const config = { role: 'open', page: true } as const;
  // Any `next` (one, several, none) is taken: safeNext keeps only a path on this site.
  const loginQuery = Type.Object({ next: Type.Optional(Type.Unknown()) });

  app.get('/login', { config, schema: { querystring: loginQuery } }, async (request, reply) => {
    const next = safeNext(request.query.next);
    return reply
      .type('text/html; charset=utf-8')
      .send(pageLayout({ title: 'Log in', actor: request.actor, path: next, body: loginPage(next) }));
  });

  app.post('/login', { config }, async (request, reply) => {
    // No body schema: any post, even an empty one, gets the login page's answer rather than a 400.
    const form = typeof request.body === 'object' && request.body !== null ? request.body : {};
    const key = 'key' in form ? form.key : undefined;
    const next = 'next' in form ? form.next : undefined;
    const found = typeof key === 'string' ? await app.verifyApiKey(key.trim()) : undefined;
    if (!found) {
      app.authFailures.record(request.ip); // a 429 page past the limit
      const body = loginPage(safeNext(next), 'That key is unknown or malformed.');
      return reply
        .code(401)
        .type('text/html; charset=utf-8')
        .send(pageLayout({ title: 'Log in', actor: request.actor, path: safeNext(next), body }));
    }
    const previous = request.cookies[SESSION_COOKIE];
    if (previous !== undefined) await app.loginSessions.end(previous);
    void reply.setCookie(SESSION_COOKIE, await app.loginSessions.start(found.keyId), {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: request.protocol === 'https',
      maxAge: app.loginSessions.lifetimeSeconds,
    });
    return reply.redirect(safeNext(next), 303);
  });

  app.post('/logout', { config }, async (request, reply) => {
    const session = request.cookies[SESSION_COOKIE];
    if (session !== undefined) await app.loginSessions.end(session);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/', 303);
  });
};
