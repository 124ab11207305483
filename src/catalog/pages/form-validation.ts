import { Ajv, type ErrorObject } from 'ajv';

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new WeakMap<object, ReturnType<typeof ajv.compile>>();

/** What a submitted form said, and what is wrong with it, by field. */
export interface FormCheck {
  values: Record<string, string>;
  errors: Record<string, string>;
}

/**
 * Checks a form against the same JSON schema the REST route uses, so the pages and the API accept the same
 * records. Blank optional fields are left out; fields the schema doesn't know (the submit button) are ignored.
 */
export function checkForm(
  schema: { properties: Record<string, unknown>; required?: readonly string[] },
  body: unknown,
): FormCheck {
  const submitted = (body ?? {}) as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const field of Object.keys(schema.properties)) {
    const value = submitted[field];
    if (typeof value === 'string' && value.trim() !== '') values[field] = value.trim();
  }
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  const errors: Record<string, string> = {};
  if (!validate(values)) for (const error of validate.errors ?? []) addError(errors, error);
  return { values, errors };
}

function addError(errors: Record<string, string>, error: ErrorObject): void {
  const field =
    error.keyword === 'required'
      ? (error.params as { missingProperty: string }).missingProperty
      : error.instancePath.slice(1);
  if (errors[field]) return;
  errors[field] =
    error.keyword === 'required'
      ? 'required'
      : error.keyword === 'pattern'
        ? `must look like ${EXAMPLES[field] ?? (error.params as { pattern: string }).pattern}`
        : (error.message ?? 'invalid');
}

const EXAMPLES: Record<string, string> = {
  HASH_DIGEST: 'sha256: and 64 lowercase hex digits',
  REPOSITORY_SWTAG: 'sw12',
};
