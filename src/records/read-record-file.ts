import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { inputError } from '../errors/stackhook-error.js';

/**
 * A record another step (or job) left in the out folder, checked against its schema. Missing, not JSON or not
 * the record it should be: one input error naming the file and, for a wrong record, the first field at fault.
 */
export async function readRecordFile<T>(file: string, schema: z.ZodType<T>, what: string): Promise<T> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw inputError(
      `${what} is missing (run the step that writes it, or download its artifact into --out)`,
      file,
    );
  });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw inputError(`${what} is not JSON: ${(error as Error).message}`, file);
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.join('.') : 'the file';
  throw inputError(`${what} is not valid: ${field}: ${issue.message}`, file);
}
