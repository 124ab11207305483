import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { StackhookError } from '../../errors/stackhook-error.js';
import { requireRole, SESSION_COOKIE } from '../../service/auth/service-auth.js';
import { amiActor } from './ami-actor.js';
import type { AmiAnswer } from './ami-answer.js';
import { amiFormat } from './ami-converter-names.js';
import { CONTENT_TYPES, convert } from './ami-converters.js';
import { amiCommandRole } from './ami-role.js';
import type { AmiRowset } from './ami-rowset.js';
import type { AmiCommand } from './parse-ami-command.js';
import { amiError } from './parse-ami-command.js';
import { AMI_COMMAND_NAMES, runAmiCommand } from './run-ami-command.js';
import { takeCredentials } from './take-credentials.js';
import { uncheckedFormField } from './unchecked-form-field.js';

export interface AmiRequestOptions {
  readsNeedKey: boolean;
  /** AddSWTag's TAGTYPE when a command gives none. */
  defaultTagType?: string;
}

/** The format a request asked for; JSON when it said none (or one no converter has: its error says so). */
export function requestFormat(request: FastifyRequest) {
  // Also for a body that failed validation (the error handler answers in the format it asked for).
  const converter = uncheckedFormField(request, 'Converter');
  return (typeof converter === 'string' && amiFormat(converter)) || 'json';
}

/** Sends an answer in the format the request asked for. */
export function sendAmiAnswer(request: FastifyRequest, reply: FastifyReply, answer: AmiAnswer) {
  const format = requestFormat(request);
  return reply.type(CONTENT_TYPES[format]).send(convert(format, answer));
}

/** GetUserInfo (what `ami auth` runs): who the credentials are, and a session for pyAMI to keep as its cookie. */
async function userInfo(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  command: AmiCommand,
  keyId: number | undefined,
) {
  const login = [...command.args].find(([name]) => name.toLowerCase() === 'amilogin')?.[1];
  const other = [...command.args.keys()].find((name) => name.toLowerCase() !== 'amilogin');
  if (other !== undefined)
    throw amiError(`GetUserInfo: -${other} is not a field GetUserInfo takes (it takes -amiLogin)`);
  const { user, role } = request.actor;
  if (login !== undefined && login !== user)
    throw new StackhookError({
      kind: 'input',
      status: 403,
      description: `${user} can't read ${login}'s user info`,
    });
  if (keyId !== undefined) {
    const previous = request.cookies[SESSION_COOKIE];
    if (previous !== undefined) await app.loginSessions.end(previous);
    void reply.setCookie(SESSION_COOKIE, await app.loginSessions.start(keyId), {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: request.protocol === 'https',
      maxAge: app.loginSessions.lifetimeSeconds,
    });
  }
  return [{ type: 'User_Info', rows: [{ AMIUser: user, firstName: user, lastName: '', mail: '', role }] }];
}

/**
 * POST /ami/command (and /AMI/FrontEnd, /AMI2/FrontEnd): takes the credentials out of the command, finds who
 * sends it, checks the role its name needs, runs it and answers in the format its Converter names.
 */
export async function answerAmiRequest(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  commandText: string,
  options: AmiRequestOptions,
) {
  const credentials = takeCredentials(commandText);
  const { command } = credentials;
  // An unknown command says so, whoever sends it.
  if (!AMI_COMMAND_NAMES.includes(command.name))
    throw amiError(`unknown command ${command.name} (${AMI_COMMAND_NAMES.join(', ')})`);
  const holder = await amiActor(app, request, credentials);
  if (holder) request.actor = { ...request.actor, user: holder.username, role: holder.role };
  const role = amiCommandRole(command.name, options.readsNeedKey);
  if (role && !request.actor.role)
    throw new StackhookError({
      kind: 'input',
      status: 401,
      description: `${command.name} needs a ${role} API key: -AMIUser="<user>" -AMIPass="<key>" (or ami auth first, or Authorization: Bearer <key>)`,
      subject: 'AMI command',
    });
  requireRole(request, role);
  const rowsets: AmiRowset[] =
    command.name === 'GetUserInfo'
      ? // A session starts only from the key itself: a cookie that could renew itself would outlive its 8 hours.
        await userInfo(
          app,
          request,
          reply,
          command,
          credentials.pass === undefined ? undefined : holder?.keyId,
        )
      : await runAmiCommand(command, {
          ...app.catalog,
          actor: request.actor,
          defaultTagType: options.defaultTagType,
        });
  return sendAmiAnswer(request, reply, { command: command.name, rowsets, errors: [] });
}
