import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ArtifactStore } from '../../artifacts/artifact-store.js';
import type { Engine } from '../../engine/engine.js';
import { runCommand, tail } from '../../engine/run-command.js';
import { stageError } from '../../errors/stackhook-error.js';
import { ARTIFACT_TYPES, type ImageManifest, type ManifestArtifact } from '../image-manifest.js';
import { linkTo, type ImsLink } from '../ims-link.js';

async function run(file: string, args: string[], what: string, signal?: AbortSignal): Promise<void> {
  const result = await runCommand(file, args, { signal, timeoutMs: 1_800_000 });
  if (result.exitCode !== 0)
    throw stageError(`${what} failed (exit ${result.exitCode})`, what, tail(result.stderr, 10));
}

/**
 * A built image's artifacts, into the store under `images/<imageId>/`: its root as squashfs (exported from a
 * created container, unpacked, `mksquashfs`), the image as an OCI archive, the kernel and initrd when its
 * /boot has them; then manifest.json (version 1.0) listing each with its md5. Returns the manifest's link.
 */
export async function packageImageArtifacts(request: {
  engine: Engine;
  store: ArtifactStore;
  image: string;
  imageId: string;
  workDir: string;
  signal?: AbortSignal;
}): Promise<ImsLink> {
  const { engine, store, workDir, signal } = request;
  const tarFile = path.join(workDir, 'rootfs.tar');
  const root = path.join(workDir, 'root');
  await mkdir(root, { recursive: true });
  await engine.exportFilesystem(request.image, tarFile, signal);
  await run(
    'tar',
    ['--extract', '--file', tarFile, '--directory', root, '--numeric-owner'],
    'unpack the root',
    signal,
  );
  const squashfs = path.join(workDir, 'rootfs.squashfs');
  await run('mksquashfs', [root, squashfs, '-noappend', '-no-progress', '-quiet'], 'mksquashfs', signal);
  const oci = path.join(workDir, 'image.oci.tar');
  await engine.saveOciArchive(request.image, oci, signal);
  const files: [string, string, string][] = [
    ['rootfs', squashfs, ARTIFACT_TYPES.rootfs],
    ['image.oci.tar', oci, ARTIFACT_TYPES.oci],
  ];
  const boot = await readdir(path.join(root, 'boot')).catch(() => [] as string[]);
  const kernel = boot
    .filter((name) => name.startsWith('vmlinuz-'))
    .sort()
    .at(-1);
  const initrd = boot
    .filter((name) => name.startsWith('initrd.img-'))
    .sort()
    .at(-1);
  if (kernel) files.push(['kernel', path.join(root, 'boot', kernel), ARTIFACT_TYPES.kernel]);
  if (initrd) files.push(['initrd', path.join(root, 'boot', initrd), ARTIFACT_TYPES.initrd]);
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
