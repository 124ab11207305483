import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ArtifactStore } from '../../artifacts/artifact-store.js';
import type { Engine } from '../../engine/engine.js';
import type { ImsLink } from '../ims-link.js';
import type { BootFileNames } from './boot-files.js';
import { requireRootFits } from './check-root-size.js';
import { packageRootArtifacts } from './package-root-artifacts.js';
import { runChecked } from './run-checked.js';
import type { SquashfsCompression } from './squashfs-compression.js';

/**
 * A built image's artifacts into the store: its size checked against `buildEnvSize` (GiB) before anything is
 * unpacked, its root exported from a created container, then packaged.
 */
export async function packageImageArtifacts(request: {
  engine: Engine;
  store: ArtifactStore;
  image: string;
  imageId: string;
  workDir: string;
  compression: SquashfsCompression;
  boot: BootFileNames;
  buildEnvSize: number;
  onNote?: (note: string) => void;
  signal?: AbortSignal;
}): Promise<ImsLink> {
  const { engine, workDir, signal } = request;
  const info = await engine.inspectImage(request.image);
  requireRootFits(info?.size ?? 0, request.buildEnvSize, `image ${request.imageId}`);
  const tarFile = path.join(workDir, 'rootfs.tar');
  const root = path.join(workDir, 'root');
  await mkdir(root, { recursive: true });
  await engine.exportFilesystem(request.image, tarFile, signal);
  await runChecked(
    'tar',
    ['--extract', '--file', tarFile, '--directory', root, '--numeric-owner'],
    'unpack the root',
    signal,
  );
  return packageRootArtifacts({ ...request, root, ociImage: request.image });
}
