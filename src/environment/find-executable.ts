import { access, constants } from 'node:fs/promises';
import path from 'node:path';

/** The first `name` on PATH (like `which`), without spawning anything. */
export async function findExecutable(
  name: string,
  searchPath = process.env.PATH ?? '',
): Promise<string | undefined> {
  const directories = [...searchPath.split(path.delimiter), '/usr/sbin', '/sbin'].filter(Boolean);
  for (const directory of directories) {
    const candidate = path.join(directory, name);
    const found = await access(candidate, constants.X_OK).then(
      () => true,
      () => false,
    );
    if (found) return candidate;
  }
  return undefined;
}
