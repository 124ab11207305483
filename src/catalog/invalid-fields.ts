import { StackhookError } from '../errors/stackhook-error.js';
import { fieldErrors, type RecordSchema } from './field-errors.js';

/**
 * The 400 a record the schema refuses gets, naming every field at fault (`REPOSITORY_NAME must be ...`), or
 * undefined when it is valid. `subject` says where the record came from; `prefix` goes before each field's name
 * (`-` for AMI's arguments).
 */
export function invalidFields(
  schema: RecordSchema,
  values: Record<string, unknown>,
  subject: string,
  prefix = '',
): StackhookError | undefined {
  const errors = Object.entries(fieldErrors(schema, values));
  if (errors.length === 0) return undefined;
  return new StackhookError({
    kind: 'input',
    status: 400,
    description: errors
      .map(([field, message]) => `${prefix}${field} ${message === 'required' ? 'is required' : message}`)
      .join('; '),
    subject,
  });
}
