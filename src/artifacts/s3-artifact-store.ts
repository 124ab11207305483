import { createReadStream } from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { artifactKey } from './artifact-key.js';
import type { ArtifactBody, ArtifactStore, StoredArtifact } from './artifact-store.js';
import { md5Of } from './md5-of.js';
import { Md5Meter } from './md5-meter.js';
import { withoutPaths } from './without-paths.js';
import { notFoundError } from '../errors/not-found-error.js';

export interface S3StoreOptions {
  bucket: string;
  /** Prepended to every key (`ims/`), so one bucket can hold several stores. */
  prefix?: string;
  /** The client's settings: endpoint, region, credentials, forcePathStyle (for S3-protocol servers). */
  client: S3ClientConfig;
  /** Parts of a multipart upload (lib-storage's default 5 MiB is S3's minimum). */
  partSize?: number;
}

/**
 * Artifacts in an S3 bucket (or any S3-protocol server). Uploads go through lib-storage (multipart for big
 * files, streamed from disk); the MD5 is computed first and kept in the object's metadata (`md5`), since a
 * multipart ETag is not an MD5. A stream's MD5 is only known at its end: it goes up as it comes (lib-storage
 * holds a few parts at a time, and aborts the multipart upload when the stream fails or passes its limit), and
 * the MD5 is then set by copying the object onto itself. Moves are copy + delete.
 */
export class S3ArtifactStore implements ArtifactStore {
  private readonly client: S3Client;
  private readonly prefix: string;

  constructor(private readonly options: S3StoreOptions) {
    this.client = new S3Client(options.client);
    this.prefix = options.prefix ? `${options.prefix.replace(/\/$/, '')}/` : '';
  }

  get location(): string {
    return `s3://${this.options.bucket}/${this.prefix}`;
  }

  async put(
    key: string,
    body: ArtifactBody,
    contentType = 'application/octet-stream',
  ): Promise<StoredArtifact> {
    if ('stream' in body) return this.putStream(key, body, contentType);
    try {
      return await this.putWhole(key, body, contentType);
    } catch (error) {
      throw withoutPaths(key, error);
    }
  }

  private async putWhole(
    key: string,
    body: { file: string } | { bytes: Buffer },
    contentType: string,
  ): Promise<StoredArtifact> {
    const { md5, size } = await md5Of(body);
    const upload = new Upload({
      client: this.client,
      partSize: this.options.partSize,
      params: {
        Bucket: this.options.bucket,
        Key: this.objectKey(key),
        Body: 'bytes' in body ? body.bytes : createReadStream(body.file),
        ContentType: contentType,
        Metadata: { md5 },
      },
    });
    const done = await upload.done();
    return { key, size, md5, etag: unquote(done.ETag ?? ''), contentType };
  }

  private async putStream(
    key: string,
    body: { stream: Readable; limit?: number },
    contentType: string,
  ): Promise<StoredArtifact> {
    const meter = new Md5Meter(body.limit);
    const params = { Bucket: this.options.bucket, Key: this.objectKey(key), ContentType: contentType };
    // pipeline: a failing request stream fails the meter, and so the upload, which aborts. The stream's own
    // error (a 413, a client gone) is the one to report, not a failure to abort that may follow it.
    let streamError: unknown;
    const upload = new Upload({
      client: this.client,
      partSize: this.options.partSize,
      // Two parts at most in memory per upload (lib-storage's default is four).
      queueSize: 1,
      params: { ...params, Body: pipeline(body.stream, meter, (error) => (streamError = error)) },
    });
    try {
      await upload.done();
    } catch (error) {
      throw streamError ?? error;
    }
    const md5 = meter.md5();
    try {
      await this.client.send(
        new CopyObjectCommand({
          ...params,
          CopySource: this.copySource(key),
          MetadataDirective: 'REPLACE',
          Metadata: { md5 },
        }),
      );
      const stored = await this.head(key);
      if (!stored) throw new Error(`${key} vanished after its upload`);
      return stored;
    } catch (error) {
      await this.delete(key).catch(() => undefined);
      throw error;
    }
  }

  async head(key: string): Promise<StoredArtifact | undefined> {
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }),
      );
      return {
        key,
        size: head.ContentLength ?? 0,
        md5: head.Metadata?.md5 ?? '',
        etag: unquote(head.ETag ?? ''),
        contentType: head.ContentType ?? 'application/octet-stream',
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }),
      );
      return object.Body as Readable;
    } catch (error) {
      if (isNotFound(error)) throw notFoundError(`artifact ${key}`, { subject: this.location });
      throw error;
    }
  }

  async move(from: string, to: string): Promise<StoredArtifact> {
    const stored = await this.head(from);
    if (!stored) throw notFoundError(`artifact ${from}`, { subject: this.location });
    // The metadata (md5) is copied with the object; a copy of over 5 GB would need a multipart copy.
    await this.client.send(
      new CopyObjectCommand({
        Bucket: this.options.bucket,
        Key: this.objectKey(to),
        CopySource: this.copySource(from),
        MetadataDirective: 'COPY',
      }),
    );
    await this.delete(from);
    return (await this.head(to))!;
  }

  async delete(key: string): Promise<void> {
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }),
    );
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.options.bucket,
          Prefix: `${this.prefix}${prefix}`,
          ContinuationToken: token,
        }),
      );
      for (const object of page.Contents ?? [])
        if (object.Key) keys.push(object.Key.slice(this.prefix.length));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  presignedUrl(key: string, seconds: number): Promise<string> {
    return getSignedUrl(
      this.client,
      new GetObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }),
      { expiresIn: seconds },
    );
  }

  private copySource(key: string): string {
    return `${this.options.bucket}/${this.objectKey(key).split('/').map(encodeURIComponent).join('/')}`;
  }

  private objectKey(key: string): string {
    return `${this.prefix}${artifactKey(key)}`;
  }
}

function unquote(etag: string): string {
  return etag.replace(/^"|"$/g, '');
}

function isNotFound(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === 'NotFound' || name === 'NoSuchKey' || $metadata?.httpStatusCode === 404;
}
