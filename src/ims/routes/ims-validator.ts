import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

// ajv-formats is CommonJS: its default export is the plugin itself, or under `default`, by loader.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

/**
 * IMS's validators: a body is checked as JSON's own types (`1` is not a string, `"true"` not a boolean: 422, as
 * Cray's schemas refuse them), while path and query strings are coerced to the schema's types, as the rest of
 * the service does. Unknown fields are refused, never dropped; `verbose` lets a problem quote a description.
 */
export function registerImsValidator(app: FastifyInstance): void {
  const options: Options = { removeAdditional: false, useDefaults: true, allErrors: false, verbose: true };
  const body = addFormats(new Ajv({ ...options, coerceTypes: false }));
  const strings = addFormats(new Ajv({ ...options, coerceTypes: 'array' }));
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? body : strings).compile(schema));
}
