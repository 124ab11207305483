import { fieldErrors, type RecordSchema } from '../field-errors.js';

/** What a submitted form said, and what is wrong with it, by field. */
export interface FormCheck {
  values: Record<string, string>;
  errors: Record<string, string>;
}

/**
 * Checks a form against the same JSON schema the REST route uses, so the pages and the API accept the same
 * records. Blank optional fields are left out; fields the schema doesn't know (the submit button) are ignored.
 * `fixed` fields (the SW-Tag in the page's path) override the form's.
 */
export function checkForm(
  schema: RecordSchema,
  body: unknown,
  fixed: Readonly<Record<string, string>> = {},
): FormCheck {
  const submitted = { ...((body ?? {}) as Record<string, unknown>), ...fixed };
  const values: Record<string, string> = {};
  for (const field of Object.keys(schema.properties)) {
    const value = submitted[field];
    if (typeof value === 'string' && value.trim() !== '') values[field] = value.trim();
  }
  return { values, errors: fieldErrors(schema, values) };
}
