import { fieldErrors, type RecordSchema } from '../field-errors.js';
import { argumentName, fold, type AmiArguments } from './ami-arguments.js';
import { amiError } from './parse-ami-command.js';

/**
 * The values, checked against a REST route's schema (AMI accepts exactly what REST accepts) and coerced to its
 * types; a 400 names every argument at fault as the command spelled it.
 */
export function checkedArguments<T extends Record<string, unknown>>(
  command: string,
  schema: RecordSchema,
  values: T,
  args: AmiArguments,
): T {
  const errors = Object.entries(fieldErrors(schema, values));
  if (errors.length === 0) return values;
  // By the field's name (-IMAGETYPE, -LIMIT), or by the other name the command gave it (-distRelease).
  const named = (field: string) => {
    const spelling = args.spellings[field];
    if (spelling === undefined) return argumentName(field);
    return fold(spelling) === fold(field) ? `-${field}` : `-${spelling}`;
  };
  throw amiError(
    `${command}: ${errors
      .map(([field, message]) => `${named(field)} ${message === 'required' ? 'is required' : message}`)
      .join('; ')}`,
  );
}
