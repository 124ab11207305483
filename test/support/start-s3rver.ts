import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { S3StoreOptions } from '../../src/artifacts/s3-artifact-store.js';

/**
 * A real S3-protocol server (s3rver, in this process, on a free port, data in a temporary folder) with one
 * bucket, and the client settings to reach it: signed requests, path-style addressing, as for MinIO or Ceph.
 */
export async function startS3rver(bucket = 'stackhook'): Promise<{
  client: S3StoreOptions['client'];
  bucket: string;
  /** Where s3rver keeps objects and the parts of multipart uploads in progress. */
  directory: string;
  [Symbol.asyncDispose]: () => Promise<void>;
}> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'stackhook-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  return {
    bucket,
    directory,
    client: {
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      forcePathStyle: true,
      // s3rver's fixed development credentials
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    },
    [Symbol.asyncDispose]: () => server.close(),
  };
}
