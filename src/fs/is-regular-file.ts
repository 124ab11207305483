import { lstat } from 'node:fs/promises';

/**
 * true when `file` is a regular file itself, not a link to one: what a service running as root checks before
 * reading or storing a file that someone else's archive, repository or container made.
 */
export async function isRegularFile(file: string): Promise<boolean> {
  return (await lstat(file).catch(() => undefined))?.isFile() ?? false;
}
