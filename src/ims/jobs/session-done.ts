import { lstat, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where a session's user says done: `complete` beside the image root (/mnt/image/complete), or, jailed in the
 * root, the root's /tmp/complete. The user controls the root: no link in the way is followed.
 */
function doneFile(imageDir: string, root: string, jail: boolean): { dir: string; file: string } {
  const dir = jail ? path.join(root, 'tmp') : imageDir;
  return { dir, file: path.join(dir, 'complete') };
}

export async function sessionDone(imageDir: string, root: string, jail: boolean): Promise<boolean> {
  const { dir, file } = doneFile(imageDir, root, jail);
  const folder = await lstat(dir).catch(() => undefined);
  if (!folder?.isDirectory()) return false;
  return (await lstat(file).catch(() => undefined)) !== undefined;
}

/** A jailed user's done file is not part of the image: it goes before packaging. */
export async function removeDoneFile(imageDir: string, root: string, jail: boolean): Promise<void> {
  if (!jail) return;
  const { dir, file } = doneFile(imageDir, root, jail);
  if ((await lstat(dir).catch(() => undefined))?.isDirectory()) await rm(file, { force: true });
}
