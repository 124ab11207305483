import { constants } from 'node:fs/promises';
import path from 'node:path';
import { pathExists } from '../fs/path-exists.js';

/** The first `name` on PATH (like `which`), without spawning anything. */
export async function findExecutable(
  name: string,
  searchPath = process.env.PATH ?? '',
): Promise<string | undefined> {
  const directories = [...searchPath.split(path.delimiter), '/usr/sbin', '/sbin'].filter(Boolean);
  for (const directory of directories) {
    const candidate = path.join(directory, name);
    if (await pathExists(candidate, constants.X_OK)) return candidate;
  }
  return undefined;
}
