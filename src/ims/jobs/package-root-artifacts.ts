import path from 'node:path';
import type { ArtifactStore } from '../../artifacts/artifact-store.js';
import type { Engine } from '../../engine/engine.js';
import { ARTIFACT_TYPES, type ImageManifest, type ManifestArtifact } from '../image-manifest.js';
import { linkTo, type ImsLink } from '../ims-link.js';
import { bootFiles, type BootFileNames } from './boot-files.js';
import { runChecked } from './run-checked.js';
import { mksquashfsOptions, type SquashfsCompression } from './squashfs-compression.js';

/**
 * An image root (a folder) and its OCI image into the store under `images/<imageId>/`: the root as squashfs
 * (`mksquashfs`, compressed as the service is configured), `ociImage` as an OCI archive, the kernel, initrd and
 * kernel parameters its /boot has by the job's names (see bootFiles); then manifest.json (version 1.0) listing
 * each with its md5. Returns the manifest's link.
 */
export async function packageRootArtifacts(request: {
  engine: Engine;
  store: ArtifactStore;
  root: string;
  ociImage: string;
  imageId: string;
  workDir: string;
  compression: SquashfsCompression;
  boot: BootFileNames;
  /** Where what was taken instead of a missing /boot file is said (the job's log). */
  onNote?: (note: string) => void;
  signal?: AbortSignal;
}): Promise<ImsLink> {
  const { engine, store, root, workDir, signal } = request;
  const squashfs = path.join(workDir, 'rootfs.squashfs');
  await runChecked(
    'mksquashfs',
    [root, squashfs, '-noappend', '-no-progress', '-quiet', ...mksquashfsOptions(request.compression)],
    'mksquashfs',
    signal,
  );
  const oci = path.join(workDir, 'image.oci.tar');
  await engine.saveOciArchive(request.ociImage, oci, signal);
  const files: [string, string, string][] = [
    ['rootfs', squashfs, ARTIFACT_TYPES.rootfs],
    ['image.oci.tar', oci, ARTIFACT_TYPES.oci],
  ];
  const boot = await bootFiles(root, request.boot);
  for (const note of boot.notes) request.onNote?.(note);
  if (boot.kernel) files.push(['kernel', boot.kernel, ARTIFACT_TYPES.kernel]);
  if (boot.initrd) files.push(['initrd', boot.initrd, ARTIFACT_TYPES.initrd]);
  if (boot.kernelParameters)
    files.push(['kernel-parameters', boot.kernelParameters, ARTIFACT_TYPES.kernelParameters]);
  const artifacts: ManifestArtifact[] = [];
  for (const [name, file, type] of files) {
    const stored = await store.put(`images/${request.imageId}/${name}`, { file });
    artifacts.push({ type, link: linkTo(store.location, stored.key, stored.etag), md5: stored.md5 });
  }
  const manifest: ImageManifest = { version: '1.0', created: new Date().toISOString(), artifacts };
  const stored = await store.put(
    `images/${request.imageId}/manifest.json`,
    { bytes: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    'application/json',
  );
  return linkTo(store.location, stored.key, stored.etag);
}
