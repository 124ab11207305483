import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ArtifactStore } from '../../src/artifacts/artifact-store.js';
import { FilesystemArtifactStore } from '../../src/artifacts/filesystem-artifact-store.js';
import { S3ArtifactStore } from '../../src/artifacts/s3-artifact-store.js';
import type { startS3rver } from './start-s3rver.js';

/**
 * The artifact stores a test runs against: a fresh folder, and a fresh prefix on the test's s3rver (read when
 * the store is opened, so the server can start in beforeAll).
 */
export function artifactStoreCases(
  s3: () => Awaited<ReturnType<typeof startS3rver>>,
): { store: string; openStore: () => Promise<ArtifactStore> }[] {
  return [
    {
      store: 'filesystem',
      openStore: async () =>
        new FilesystemArtifactStore(await mkdtemp(path.join(os.tmpdir(), 'stackhook-artifacts-'))),
    },
    {
      store: 'S3 (s3rver)',
      openStore: async () =>
        new S3ArtifactStore({
          bucket: s3().bucket,
          prefix: `run-${Date.now()}-${Math.floor(Math.random() * 1e9)}`,
          client: s3().client,
          partSize: 5 * 1024 * 1024,
        }),
    },
  ];
}
