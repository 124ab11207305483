import type { TSchema } from 'typebox';
import * as Type from '../../service/schemas/type.js';

/**
 * A property with a default: optional in the JSON schema (a request may leave it out), but typed as always there,
 * since ajv fills the default in (fastify's and field-errors' `useDefaults`) before any handler reads it.
 */
export function defaulted<T extends TSchema>(schema: T): T {
  return Type.Optional(schema);
}
