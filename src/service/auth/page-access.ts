import type { FastifyReply, FastifyRequest } from 'fastify';
import { StackhookError } from '../../errors/stackhook-error.js';
import { allows } from './api-keys.js';
import type { Role } from '../database/service-tables.js';

/**
 * Lets a page through when the session has `role`. An anonymous visitor is sent to log in (and back here after);
 * a logged-in user with too small a role gets a 403 page. Returns false when the reply is already a redirect.
 */
export function pageAccess(request: FastifyRequest, reply: FastifyReply, role: Role | undefined): boolean {
  if (!role) return true;
  if (!request.actor.role) {
    const back = request.method === 'GET' ? request.url : '/';
    void reply.redirect(`/login?next=${encodeURIComponent(back)}`, 303);
    return false;
  }
  if (!allows(request.actor.role, role)) {
    throw new StackhookError({
      kind: 'input',
      status: 403,
      description: `${request.actor.user} is a ${request.actor.role}; this page needs a ${role} key`,
      subject: request.url,
    });
  }
  return true;
}

/**
 * Form posts must come from the catalog's own pages: browsers say where a request comes from (Sec-Fetch-Site,
 * Origin) and the session cookie is SameSite=Strict; either signal pointing elsewhere is a 403. `Origin: null`
 * (a sandboxed frame, a data: URL, a redirect from elsewhere) is not the catalog's own page either.
 */
export function requireSameOrigin(request: FastifyRequest): void {
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  const crossSite = site !== undefined && site !== 'same-origin' && site !== 'none';
  const foreignOrigin = origin !== undefined && originHost(origin) !== request.host;
  if (crossSite || foreignOrigin) {
    throw new StackhookError({
      kind: 'input',
      status: 403,
      description: 'forms are accepted only from the catalog’s own pages',
      subject: request.url,
    });
  }
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined; // a malformed Origin, `null` included, is a foreign one
  }
}
