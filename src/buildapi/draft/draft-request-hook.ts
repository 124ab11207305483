import type { FastifyRequest } from 'fastify';
import { StackhookError } from '../../errors/stackhook-error.js';
import { withDraftAliases } from './draft-aliases.js';
import { readGetBody } from './read-get-body.js';

type Fields = Record<string, unknown>;

/**
 * The build routes' preValidation hook: a GET's JSON body is read into its query (a field in both, with
 * different values, is a 400), and the draft's field names are read as stackhook's, before the schemas check.
 */
export async function draftRequestHook(request: FastifyRequest): Promise<void> {
  const query = request.query as Fields;
  if (request.method === 'GET' || request.method === 'HEAD') {
    const body = await readGetBody(request);
    for (const [name, value] of Object.entries(body ?? {})) {
      if (name in query && String(query[name]) !== String(value))
        throw new StackhookError({
          kind: 'input',
          description: `${name}: the query says ${String(query[name])}, the body ${String(value)}: give one`,
          subject: name,
        });
      query[name] = value;
    }
  }
  request.query = withDraftAliases(query);
  const body = request.body;
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && !Buffer.isBuffer(body))
    request.body = withDraftAliases(body as Fields);
}
