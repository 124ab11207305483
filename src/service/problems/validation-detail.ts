import type { FastifySchemaValidationError } from 'fastify';

/**
 * A schema validation failure as a sentence that names the field at fault: ajv's own message says "must NOT
 * have additional properties" without saying which, so the unknown field's name is added.
 */
export function validationDetail(
  context: string | undefined,
  errors: readonly FastifySchemaValidationError[],
): string {
  const [first] = errors;
  if (!first) return `${context ?? 'request'} is not valid`;
  const where = `${context ?? 'request'}${first.instancePath.replaceAll('/', '.')}`;
  const unknown = (first.params as { additionalProperty?: string }).additionalProperty;
  if (unknown !== undefined) return `${where} has an unknown field "${unknown}"`;
  // With ajv's `verbose`, the schema is there: its description says what the value must look like.
  const described = (first as { parentSchema?: { description?: string } }).parentSchema?.description;
  if (first.keyword === 'pattern' && described) return `${where} must be ${described}`;
  return `${where} ${first.message ?? 'is not valid'}`;
}
