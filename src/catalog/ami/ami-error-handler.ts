import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorProblem } from '../../service/problems/error-problem.js';
import { sendAmiAnswer } from './answer-ami-request.js';
import { uncheckedFormField } from './unchecked-form-field.js';

/**
 * Every error of an AMI endpoint as AMI writes one, in the format asked for (XML `<error>`, JSON `error[0].$`,
 * text `Error: ...`), with the problem's status kept: pyAMI raises it whatever the status, curl users see it.
 */
export function amiErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const { status, detail } = errorProblem(error, request);
  if (status >= 500) request.log.error({ err: error }, `${request.method} ${request.url} failed`);
  const text = uncheckedFormField(request, 'Command');
  // Only the command's name, never the rest of its text (it may carry -AMIPass).
  const command = (typeof text === 'string' && /^\s*([A-Za-z][A-Za-z0-9]*)/.exec(text)?.[1]) || '';
  return sendAmiAnswer(request, reply.code(status), { command, rowsets: [], errors: [detail] });
}
