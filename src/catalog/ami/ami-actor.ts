import type { FastifyInstance, FastifyRequest } from 'fastify';
import { StackhookError } from '../../errors/stackhook-error.js';
import type { KeyHolder } from '../../service/auth/api-keys.js';
import { requireSameOrigin } from '../../service/auth/page-access.js';
import { SESSION_COOKIE } from '../../service/auth/service-auth.js';
import type { AmiCredentials } from './take-credentials.js';

/**
 * Who sends an AMI command: the owner of -AMIPass (an API key) when it is -AMIUser's, else the bearer key's (the
 * auth hook found it), else a session `GetUserInfo` started (pyAMI sends its cookie back). Wrong credentials are
 * a 401 and count as a failed authentication of the address.
 */
export async function amiActor(
  app: FastifyInstance,
  request: FastifyRequest,
  credentials: AmiCredentials,
): Promise<KeyHolder | undefined> {
  const { user, pass } = credentials;
  if (user !== undefined || pass !== undefined) {
    const holder = pass && user !== undefined ? await app.verifyApiKey(pass, user) : undefined;
    if (holder) return holder;
    app.authFailures.record(request.ip);
    throw new StackhookError({
      kind: 'input',
      status: 401,
      description: 'wrong -AMIUser or -AMIPass: -AMIPass must be an API key of the user -AMIUser names',
      subject: 'AMI command',
    });
  }
  if (request.actor.role) return undefined; // the bearer key's, already in request.actor
  const session = request.cookies[SESSION_COOKIE];
  if (session === undefined) return undefined;
  const holder = await app.loginSessions.find(session);
  // A browser sends the cookie too: only from the catalog's own pages (it is SameSite=Strict besides).
  if (holder) requireSameOrigin(request);
  return holder;
}
