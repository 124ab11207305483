import type { FastifyRequest } from 'fastify';
import { StackhookError } from '../../errors/stackhook-error.js';

/** A GET's JSON body is a handful of names: more is not a client of this API. */
const LIMIT = 16 * 1024;

const refuse = (status: number, description: string) =>
  new StackhookError({ kind: 'input', status, description, subject: 'body' });

/**
 * The JSON object a GET carries as its body (ad-build's `requests.get(url, json=..., stream=True)`), which
 * fastify never reads on a GET; undefined without a body. Only `application/json` (else 415), 16 KiB at most
 * (413), an object of strings, numbers or booleans (400).
 */
export async function readGetBody(request: FastifyRequest): Promise<Record<string, unknown> | undefined> {
  const { headers } = request;
  const length = headers['content-length'];
  if ((length === undefined || length === '0') && headers['transfer-encoding'] === undefined)
    return undefined;
  if (!/^application\/json\s*(?:;|$)/i.test(headers['content-type'] ?? ''))
    throw refuse(415, 'a GET’s body is read only as application/json');
  if (Number(length) > LIMIT) throw refuse(413, `a GET’s body is at most ${LIMIT} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request.raw as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > LIMIT) throw refuse(413, `a GET’s body is at most ${LIMIT} bytes`);
    chunks.push(chunk);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw refuse(400, 'the body is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw refuse(400, 'the body must be a JSON object of the query’s fields');
  for (const [name, value] of Object.entries(parsed))
    if (!['string', 'number', 'boolean'].includes(typeof value))
      throw new StackhookError({ kind: 'input', description: `${name} must be a string`, subject: name });
  return parsed as Record<string, unknown>;
}
