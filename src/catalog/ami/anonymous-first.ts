import type { FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../../service/auth/service-auth.js';
import { StackhookError } from '../../errors/stackhook-error.js';
import { uncheckedFormField } from './unchecked-form-field.js';

/**
 * When reads need a key, an AMI request that carries no credential at all (no bearer key, no -AMIPass in its
 * command, no session cookie) is refused before its body is checked: every command needs one then.
 */
export function refuseAnonymous(request: FastifyRequest): void {
  if (request.actor.role || request.cookies[SESSION_COOKIE] !== undefined) return;
  const command = uncheckedFormField(request, 'Command');
  if (typeof command === 'string' && /(^|\s)-{1,2}AMIPass=/i.test(command)) return;
  throw new StackhookError({
    kind: 'input',
    status: 401,
    description:
      'a reader API key is needed: -AMIUser="<user>" -AMIPass="<key>" (or Authorization: Bearer <key>)',
    subject: request.url,
  });
}
