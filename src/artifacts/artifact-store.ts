import type { Readable } from 'node:stream';

/** One object in an artifact store, with the checksums manifests record. */
export interface StoredArtifact {
  key: string;
  size: number;
  /** Hex MD5 of the content, kept with the object (S3: its metadata) and written into manifests. */
  md5: string;
  /** What the store calls its version of the object (S3's ETag; the MD5 again for files). */
  etag: string;
  contentType: string;
}

/**
 * What goes in: a file on disk (streamed, never read whole), bytes, or a stream (a request body) of at most
 * `limit` bytes: past it the put fails with a 413 and leaves nothing stored.
 */
export type ArtifactBody = { file: string } | { bytes: Buffer } | { stream: Readable; limit?: number };

/**
 * Where IMS and the build API keep artifacts (recipes, rootfs images, tarballs): the filesystem by default, S3
 * for a service. Keys are `/`-separated relative paths (`recipes/<id>/recipe.tar.gz`).
 */
export interface ArtifactStore {
  /** For logs: the folder or `s3://bucket/prefix`. */
  readonly location: string;
  put(key: string, body: ArtifactBody, contentType?: string): Promise<StoredArtifact>;
  /** undefined when there is no such object. */
  head(key: string): Promise<StoredArtifact | undefined>;
  get(key: string): Promise<Readable>;
  /** Moves an object (IMS's deleted/ and back); the checksums go with it. */
  move(from: string, to: string): Promise<StoredArtifact>;
  delete(key: string): Promise<void>;
  /** Keys under a prefix, sorted. */
  list(prefix: string): Promise<string[]>;
  /** A URL that fetches the object without credentials for `seconds` (S3 only; undefined for files). */
  presignedUrl(key: string, seconds: number): Promise<string | undefined>;
}
