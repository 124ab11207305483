import { open, readFile } from 'node:fs/promises';
import { inputError } from '../errors/stackhook-error.js';

const TIMESTAMP = /Build timestamp: (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)/;
/** The Build Info section comes first: a manifest's head holds the timestamp, its (long) package lists do not. */
const HEAD_BYTES = 16 * 1024;

/** The `Build timestamp: YYYY-MM-DDTHH:MM:SSZ` of a build manifest (docker-stacks' get_manifest_timestamp). */
export function parseManifestTimestamp(content: string, subject: string): string {
  const timestamp = TIMESTAMP.exec(content)?.[1];
  if (!timestamp) {
    throw inputError(
      'build manifest has no "Build timestamp: YYYY-MM-DDTHH:MM:SSZ" line',
      subject,
      'the wiki files each manifest under manifests/YYYY/YYYY-MM/ by its build timestamp',
    );
  }
  return timestamp;
}

/** Reads only as much of the file as needed: the wiki keeps thousands of manifests. */
export async function readManifestTimestamp(file: string, subject: string = file): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
    const text = head.subarray(0, bytesRead).toString('utf8');
    if (TIMESTAMP.test(text) || bytesRead < HEAD_BYTES) return parseManifestTimestamp(text, subject);
    return parseManifestTimestamp(await readFile(file, 'utf8'), subject);
  } finally {
    await handle.close();
  }
}
