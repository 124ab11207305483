import { Ajv, type ErrorObject } from 'ajv';

const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: true, useDefaults: true, verbose: true });
const compiled = new WeakMap<object, ReturnType<typeof ajv.compile>>();

/** A JSON schema of an object whose properties are the catalog's fields (a route's body or query schema). */
export interface RecordSchema {
  properties: Record<string, unknown>;
  required?: readonly string[];
}

/**
 * What is wrong with a record, by field, checked against the same JSON schema a REST route uses: the web forms,
 * the AMI commands and the repositories accept exactly what REST accepts. Strings are coerced to the schema's
 * types (AMI's arguments are all text), in place. An empty answer means the record is valid.
 */
export function fieldErrors(schema: RecordSchema, values: Record<string, unknown>): Record<string, string> {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  const errors: Record<string, string> = {};
  if (!validate(values))
    for (const error of validate.errors ?? []) {
      const [field, message] = describe(error, schema);
      errors[field] ??= message;
    }
  return errors;
}

function describe(error: ErrorObject, schema: RecordSchema): [string, string] {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  if (error.keyword === 'required') return [params.missingProperty!, 'required'];
  if (error.keyword === 'additionalProperties')
    return [
      params.additionalProperty!,
      `is not a field (fields: ${Object.keys(schema.properties).join(', ')})`,
    ];
  const field = error.instancePath.slice(1) || 'record';
  const described = (error.parentSchema as { description?: string } | undefined)?.description;
  if (error.keyword === 'pattern' && described) return [field, `must be ${described}`];
  if (error.keyword === 'minLength') return [field, 'must not be empty'];
  return [field, error.message ?? 'is not valid'];
}
