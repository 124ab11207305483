import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ArtifactStore } from '../../artifacts/artifact-store.js';
import { stageError } from '../../errors/stackhook-error.js';
import { ARTIFACT_TYPES, checkedManifest } from '../image-manifest.js';
import type { ImsImageRecord } from '../ims-image-repository.js';
import { keyOfLink } from '../ims-link.js';
import { runChecked } from './run-checked.js';

/**
 * An IMS image's root, unpacked into `root` (which must not exist yet): its manifest checked against the
 * store, the squashfs rootfs downloaded and `unsquashfs`ed (owners and modes kept, as the service runs as root).
 */
export async function fetchImageRoot(request: {
  store: ArtifactStore;
  image: ImsImageRecord;
  root: string;
  workDir: string;
  signal?: AbortSignal;
}): Promise<void> {
  const { store, image, signal } = request;
  if (!image.link) throw stageError(`image ${image.id} has no manifest yet`, `image ${image.id}`);
  const manifest = await checkedManifest(store, image.link);
  const rootfs = manifest.artifacts.find((artifact) => artifact.type === ARTIFACT_TYPES.rootfs)!;
  const squashfs = path.join(request.workDir, 'base.squashfs');
  await pipeline(await store.get(keyOfLink(store.location, rootfs.link)!), createWriteStream(squashfs));
  await runChecked(
    'unsquashfs',
    ['-no-progress', '-quiet', '-dest', request.root, squashfs],
    'unsquashfs',
    signal,
  );
}
