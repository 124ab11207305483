import type { FastifyInstance, FastifyRequest } from 'fastify';
import { StackhookError } from '../errors/stackhook-error.js';
import { allows, verifyApiKey } from './api-keys.js';
import { AuthFailures } from './auth-failures.js';
import type { Role } from './catalog-schema.js';

export interface AuthOptions {
  /** Reads need a key too (default: reads are open). */
  readsNeedKey: boolean;
  /** Failed authentications one address may make per minute before it gets 429s. */
  failuresPerMinute: number;
}

/** The cookie the web pages keep a logged-in user's key in (HttpOnly, SameSite=Strict). */
export const SESSION_COOKIE = 'stackhook_key';

/**
 * A route's `config`: `role` overrides the role its method needs, `in-handler` leaves the check to the handler
 * (it knows the role only once it has read the request); `page` routes take the key from the session cookie too.
 */
export interface AuthRouteConfig {
  role?: Role | 'in-handler';
  page?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    authFailures: AuthFailures;
  }
}

/** The role a request needs by its method: reads (maybe none), writes need writer, deletions admin. */
export function roleForMethod(method: string, readsNeedKey: boolean): Role | undefined {
  if (method === 'GET' || method === 'HEAD') return readsNeedKey ? 'reader' : undefined;
  return method === 'DELETE' ? 'admin' : 'writer';
}

/** Refuses the request unless its key has `role`: 401 without a (valid) key, 403 with too small a role. */
export function requireRole(request: FastifyRequest, role: Role | undefined): void {
  if (!role) return;
  if (!request.actor.role) {
    throw new StackhookError({
      kind: 'input',
      status: 401,
      description: `a ${role} API key is needed (Authorization: Bearer <key>)`,
      subject: request.url,
    });
  }
  if (!allows(request.actor.role, role)) {
    throw new StackhookError({
      kind: 'input',
      status: 403,
      description: `${request.actor.user} is a ${request.actor.role}; this needs ${role}`,
      subject: request.url,
    });
  }
}

/**
 * Who is asking: the user of a valid `Authorization: Bearer` key (or, on a web page, of the session cookie's
 * key; anonymous without one), plus the linux_username / github_username headers for the audit log. A wrong
 * bearer key is a 401 and counts towards the address's failure limit; past it, every request from there is a
 * 429 until the minute is over. A stale cookie is dropped and the page served as to an anonymous user.
 */
export function registerCatalogAuth(app: FastifyInstance, options: AuthOptions): void {
  const failures = new AuthFailures(options.failuresPerMinute);
  app.decorate('authFailures', failures);
  app.addHook('onRequest', async (request, reply) => {
    failures.check(request.ip);
    const header = (name: string) => {
      const value = request.headers[name];
      return typeof value === 'string' && value.length <= 128 ? value : undefined;
    };
    request.actor = {
      user: 'anonymous',
      linuxUsername: header('linux_username'),
      githubUsername: header('github_username'),
    };
    const config = request.routeOptions.config as AuthRouteConfig;
    const authorization = request.headers.authorization;
    const cookie = config.page ? request.cookies[SESSION_COOKIE] : undefined;
    if (!authorization && !cookie) return;
    const key = authorization ? /^Bearer (\S+)$/.exec(authorization)?.[1] : cookie;
    const found = key ? await verifyApiKey(app.catalog.db, key) : undefined;
    if (!found && !authorization) {
      // A session whose key was revoked: served as anonymous, the cookie dropped. Not a failed attempt (the
      // browser would keep sending it and lock its address out); keys are 256 random bits, not guessable.
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return;
    }
    if (!found) {
      failures.record(request.ip);
      throw new StackhookError({
        kind: 'input',
        status: 401,
        description: 'unknown or malformed API key',
        subject: request.url,
      });
    }
    request.actor = { ...request.actor, user: found.username, role: found.role };
  });
  app.addHook('preHandler', async (request) => {
    const config = request.routeOptions.config as AuthRouteConfig;
    if (config.role === 'in-handler') return;
    requireRole(request, config.role ?? roleForMethod(request.method, options.readsNeedKey));
  });
}
