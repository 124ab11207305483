import { readFile } from 'node:fs/promises';
import { inputError } from '../errors/stackhook-error.js';

/** A JSON file another step wrote; missing or not JSON is bad input naming the file and what it should be. */
export async function readJsonFile<T>(file: string, what: string): Promise<T> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw inputError(
      `${what} is missing (run the step that writes it, or download its artifact into --out)`,
      file,
    );
  });
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw inputError(`${what} is not JSON: ${(error as Error).message}`, file);
  }
}
