import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { StackhookError } from '../../errors/stackhook-error.js';
import type { Actor } from './actor.js';
import { allows, verifyApiKey, type KeyHolder } from './api-keys.js';
import { AuthFailures } from './auth-failures.js';
import type { Role, ServiceTables } from '../database/service-tables.js';
import type { Kysely } from 'kysely';
import { LoginSessions } from './login-sessions.js';
import { pageAccess, requireSameOrigin } from './page-access.js';
import { keylessCaller, type TrustedNetworkOptions } from './keyless-caller.js';

export interface AuthOptions<Schema extends ServiceTables> {
  /** The service's database (its API keys and login sessions). */
  db: Kysely<Schema>;
  /** Reads need a key too (default: reads are open). */
  readsNeedKey: boolean;
  /** Failed authentications one address may make per minute before its failing requests get 429s. */
  failuresPerMinute: number;
  /** Networks whose key-less callers act as a user on `keyless` routes (the build API's); none by default. */
  trustedNetwork?: TrustedNetworkOptions;
}

/** The cookie the web pages keep a login's session id in (HttpOnly, SameSite=Strict): never the key itself. */
export const SESSION_COOKIE = 'stackhook_session';
/** Where versions before sessions kept the key itself: dropped wherever it is still sent. */
const OLD_KEY_COOKIE = 'stackhook_key';

/**
 * A route's `config`. `role` is what it needs, checked once the headers are in, before its body is read or
 * validated: by default its method's (see roleForMethod), `open` for none; `in-handler` when only the body tells
 * (an AMI command's name), with `least` checked first. `page` routes take the session cookie too, send an
 * anonymous visitor to log in rather than answer 401, and take form posts from the catalog's own pages only.
 */
export interface AuthRouteConfig {
  role?: Role | 'open' | 'in-handler';
  least?: Role;
  page?: boolean;
  /** Callers from a trusted network may act without a key (serve --trust-network): the build API's routes. */
  keyless?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    authFailures: AuthFailures;
    loginSessions: LoginSessions;
    /** Who holds this API key (for a login form); undefined for an unknown one. */
    verifyApiKey: (key: string, username?: string) => Promise<KeyHolder | undefined>;
  }
  interface FastifyRequest {
    actor: Actor;
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
 * Who is asking, and whether they may, before the body is read: the user of a valid `Authorization: Bearer` key
 * (or, on a web page, of the login session in the cookie; anonymous without either), plus the linux_username /
 * github_username headers for the audit log. A wrong bearer key is a 401, or a 429 once its address has failed
 * too often this minute. A session that ended is dropped and the page served as to an anonymous user.
 */
export function registerServiceAuth<Schema extends ServiceTables>(
  app: FastifyInstance,
  options: AuthOptions<Schema>,
): void {
  const failures = new AuthFailures(options.failuresPerMinute);
  const sessions = new LoginSessions(options.db);
  app.decorate('authFailures', failures);
  app.decorate('loginSessions', sessions);
  app.decorate('verifyApiKey', (key: string, username?: string) => verifyApiKey(options.db, key, username));

  const identify = async (request: FastifyRequest, reply: FastifyReply, config: AuthRouteConfig) => {
    const authorization = request.headers.authorization;
    if (authorization) {
      const key = /^Bearer (\S+)$/.exec(authorization)?.[1];
      const found = key ? await verifyApiKey(options.db, key) : undefined;
      if (found) return found;
      failures.record(request.ip);
      throw new StackhookError({
        kind: 'input',
        status: 401,
        description: 'unknown or malformed API key',
        subject: request.url,
      });
    }
    const keyless = keylessCaller(request, options.trustedNetwork, config.keyless === true);
    if (keyless) {
      request.log.info(
        { linux_username: request.actor.linuxUsername, github_username: request.actor.githubUsername },
        `key-less request from trusted ${request.socket.remoteAddress ?? ''} as ${keyless.username}`,
      );
      request.actor = { ...request.actor, keyless: true };
      return keyless;
    }
    if (!config.page) return undefined;
    if (request.cookies[OLD_KEY_COOKIE] !== undefined) void reply.clearCookie(OLD_KEY_COOKIE, { path: '/' });
    const session = request.cookies[SESSION_COOKIE];
    if (session === undefined) return undefined;
    const found = await sessions.find(session);
    // Ended (logout, expiry, revoked key): not a failed attempt, or the browser, sending it on, would count up.
    if (!found) void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return found;
  };

  app.addHook('onRequest', async (request, reply) => {
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
    // A refused request's body is never read: closing the socket frees it now rather than at the request timeout.
    const closeIfBody = () => {
      const length = request.headers['content-length'];
      const chunked = request.headers['transfer-encoding'] !== undefined;
      if ((length !== undefined && length !== '0') || chunked) void reply.header('connection', 'close');
    };
    try {
      const holder = await identify(request, reply, config);
      if (holder) request.actor = { ...request.actor, user: holder.username, role: holder.role };
      const role =
        config.role === 'in-handler'
          ? config.least
          : config.role === 'open'
            ? undefined
            : (config.role ?? roleForMethod(request.method, options.readsNeedKey));
      if (!config.page) return requireRole(request, role);
      if (request.method !== 'GET' && request.method !== 'HEAD') requireSameOrigin(request);
      if (!pageAccess(request, reply, role)) {
        closeIfBody();
        return reply;
      }
    } catch (error) {
      closeIfBody();
      throw error;
    }
  });
}
