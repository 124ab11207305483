import { Type, type TSchema } from 'typebox';

/**
 * A property with a default: optional in the JSON schema (a request may leave it out), but typed as always there,
 * since ajv fills the default in (fastify's and field-errors' `useDefaults`) before any handler reads it.
 */
export function defaulted<T extends TSchema>(schema: T): T {
  return Type.Optional(schema);
}
