import type { FastifyInstance, FastifyRequest } from 'fastify';
import { StackhookError } from '../errors/stackhook-error.js';
import { allows, verifyApiKey } from './api-keys.js';
import type { Role } from './catalog-schema.js';

export interface AuthOptions {
  /** Reads need a key too (default: reads are open). */
  readsNeedKey: boolean;
  /** Failed authentications one address may make per minute before it gets 429s. */
  failuresPerMinute: number;
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
 * Who is asking: the user of a valid `Authorization: Bearer` key (anonymous without one), plus the
 * linux_username / github_username headers for the audit log. A wrong key is a 401 and counts towards the
 * address's failure limit; past it, every request from there is a 429 until the minute is over.
 */
export function registerCatalogAuth(app: FastifyInstance, options: AuthOptions): void {
  const failures = new Map<string, { count: number; since: number }>();
  app.addHook('onRequest', async (request) => {
    const window = failures.get(request.ip);
    if (window && Date.now() - window.since > 60_000) failures.delete(request.ip);
    if ((failures.get(request.ip)?.count ?? 0) >= options.failuresPerMinute) {
      throw new StackhookError({
        kind: 'input',
        status: 429,
        description: 'too many failed authentications: wait a minute',
        subject: request.ip,
      });
    }
    const header = (name: string) => {
      const value = request.headers[name];
      return typeof value === 'string' && value.length <= 128 ? value : undefined;
    };
    request.actor = {
      user: 'anonymous',
      linuxUsername: header('linux_username'),
      githubUsername: header('github_username'),
    };
    const authorization = request.headers.authorization;
    if (!authorization) return;
    const key = /^Bearer (\S+)$/.exec(authorization)?.[1];
    const found = key ? await verifyApiKey(app.catalog.db, key) : undefined;
    if (!found) {
      const entry = failures.get(request.ip) ?? { count: 0, since: Date.now() };
      entry.count++;
      failures.set(request.ip, entry);
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
    const config = request.routeOptions.config as { role?: Role | 'by-command' };
    if (config.role === 'by-command') return; // the route decides once it knows the command
    requireRole(request, config.role ?? roleForMethod(request.method, options.readsNeedKey));
  });
}
