import { createHash } from 'node:crypto';
import type { ArtifactStore, StoredArtifact } from './artifact-store.js';

/**
 * Whether a stored object's content has this MD5. Objects this service stored carry theirs. One a client put in
 * the bucket itself (as `cray artifacts create` does) carries none: its ETag is its MD5 when it went up in one
 * part, unencrypted; else (multipart above boto3's 8 MiB, `<hex>-<parts>`; SSE-KMS) the object is read through.
 */
export async function holdsMd5(store: ArtifactStore, stored: StoredArtifact, md5: string): Promise<boolean> {
  if (stored.md5) return stored.md5 === md5;
  if (stored.etag === md5) return true;
  const hash = createHash('md5');
  for await (const chunk of await store.get(stored.key)) hash.update(chunk as Buffer);
  return hash.digest('hex') === md5;
}
