import path from 'node:path';
import { stateDir } from '../environment/state-dir.js';
import { openArtifactStore } from './open-artifact-store.js';

describe('openArtifactStore', () => {
  it.each([
    ['s3://builds', {}, 's3://builds/'],
    ['s3://builds/ims/v3', {}, 's3://builds/ims/v3/'],
    ['s3://builds/ims', { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9000' }, 's3://builds/ims/'],
    ['artifacts', {}, path.resolve('artifacts')],
  ])('opens %s as %s', (location, env, shown) => {
    expect(openArtifactStore(location, env).location).toBe(shown);
  });

  it('defaults to the state folder', () => {
    expect(openArtifactStore(undefined, {}).location).toBe(path.join(stateDir(), 'artifacts'));
  });

  it.each([
    ['s3://Bad_Bucket', 'not an S3 bucket name: "Bad_Bucket"'],
    ['s3://', 'not an S3 bucket name: ""'],
    ['gs://bucket', 'not a folder or an s3:// URL: gs://bucket'],
  ])('refuses %s', (location, message) => {
    expect(() => openArtifactStore(location, {})).toThrow(message);
  });
});
