import { lstat, readdir } from 'node:fs/promises';
import { isRegularFile } from '../../fs/is-regular-file.js';
import path from 'node:path';
import type { ArtifactStore } from '../../artifacts/artifact-store.js';
import type { Engine } from '../../engine/engine.js';
import { ARTIFACT_TYPES, type ImageManifest, type ManifestArtifact } from '../image-manifest.js';
import { linkTo, type ImsLink } from '../ims-link.js';
import { runChecked } from './run-checked.js';
import { mksquashfsOptions, type SquashfsCompression } from './squashfs-compression.js';

/**
 * An image root (a folder) and its OCI image into the store under `images/<imageId>/`: the root as squashfs
 * (`mksquashfs`, compressed as the service is configured), `ociImage` as an OCI archive, the kernel and initrd when its /boot has them; then
 * manifest.json (version 1.0) listing each with its md5. Returns the manifest's link.
 */
export async function packageRootArtifacts(request: {
  engine: Engine;
  store: ArtifactStore;
  root: string;
  ociImage: string;
  imageId: string;
  workDir: string;
  compression: SquashfsCompression;
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
  // The root is someone else's (a recipe's build, a customize session): /boot and the files taken from it must
  // be what they seem, not links that would make this service store a file of its own machine.
  const bootDir = path.join(root, 'boot');
  const boot = (await lstat(bootDir).catch(() => undefined))?.isDirectory() ? await readdir(bootDir) : [];
  const newest = async (prefix: string) => {
    const names = boot.filter((name) => name.startsWith(prefix)).sort();
    for (const name of names.reverse()) if (await isRegularFile(path.join(bootDir, name))) return name;
    return undefined;
  };
  const kernel = await newest('vmlinuz-');
  const initrd = await newest('initrd.img-');
  if (kernel) files.push(['kernel', path.join(bootDir, kernel), ARTIFACT_TYPES.kernel]);
  if (initrd) files.push(['initrd', path.join(bootDir, initrd), ARTIFACT_TYPES.initrd]);
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
