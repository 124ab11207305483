import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ArtifactBody } from './artifact-store.js';

/** MD5 (hex) and size of a body, a file streamed through the hash rather than read whole. */
export async function md5Of(
  body: Exclude<ArtifactBody, { stream: unknown }>,
): Promise<{ md5: string; size: number }> {
  if ('bytes' in body)
    return { md5: createHash('md5').update(body.bytes).digest('hex'), size: body.bytes.length };
  const hash = createHash('md5');
  for await (const chunk of createReadStream(body.file)) hash.update(chunk as Buffer);
  return { md5: hash.digest('hex'), size: (await stat(body.file)).size };
}
