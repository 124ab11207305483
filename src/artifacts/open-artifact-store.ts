import path from 'node:path';
import { stateDir } from '../environment/state-dir.js';
import { inputError } from '../errors/stackhook-error.js';
import type { ArtifactStore } from './artifact-store.js';
import { FilesystemArtifactStore } from './filesystem-artifact-store.js';
import { S3ArtifactStore } from './s3-artifact-store.js';

/**
 * The artifact store at `location`: `s3://bucket[/prefix]` is S3 (endpoint from AWS_ENDPOINT_URL_S3 or
 * AWS_ENDPOINT_URL for an S3-protocol server, path-style then; region and credentials from the AWS SDK's usual
 * chain: environment, profile, instance role); anything else a folder. Default: `.stackhook/artifacts`.
 */
export function openArtifactStore(
  location: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ArtifactStore {
  if (!location) return new FilesystemArtifactStore(path.join(stateDir(), 'artifacts'));
  if (!location.startsWith('s3://')) {
    if (location.includes('://'))
      throw inputError(`not a folder or an s3:// URL: ${location}`, 'artifact store');
    return new FilesystemArtifactStore(path.resolve(location));
  }
  const [bucket = '', ...prefix] = location.slice('s3://'.length).split('/');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    throw inputError(`not an S3 bucket name: "${bucket}"`, 'artifact store');
  const endpoint = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  return new S3ArtifactStore({
    bucket,
    prefix: prefix.filter(Boolean).join('/') || undefined,
    client: {
      region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
      ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    },
  });
}
