import type { FastifyRequest } from 'fastify';

/**
 * A field of an AMI request's body before (or despite) its schema: the hook that runs before validation and the
 * error handler read Command or Converter from whatever was sent, so the value is unknown until checked.
 */
export function uncheckedFormField(request: FastifyRequest, name: 'Command' | 'Converter'): unknown {
  const body: unknown = request.body;
  return body !== null && typeof body === 'object' && name in body
    ? (body as Record<string, unknown>)[name]
    : undefined;
}
