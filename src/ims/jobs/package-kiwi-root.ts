import path from 'node:path';
import type { ImsLink } from '../ims-link.js';
import type { JobContext } from './job-context.js';
import type { BootFileNames } from './boot-files.js';
import { requireRootFits, rootBytes } from './check-root-size.js';
import { packageRootArtifacts } from './package-root-artifacts.js';
import { runChecked } from './run-checked.js';

/** A root kiwi made into the store as every create job's: imported as an image `tag` too (the OCI archive). */
export async function packageKiwiRoot(request: {
  context: JobContext;
  root: string;
  tag: string;
  imageId: string;
  workDir: string;
  /** Which /boot files become the kernel, initrd and kernel-parameters artifacts (the job's names). */
  boot: BootFileNames;
  buildEnvSize: number;
  onNote: (note: string) => void;
  signal: AbortSignal;
}): Promise<ImsLink> {
  const { context, root, workDir, signal } = request;
  requireRootFits(await rootBytes(root, signal), request.buildEnvSize, `image ${request.imageId}`);
  const tarFile = path.join(workDir, 'kiwi-image.tar');
  await runChecked(
    'tar',
    ['--create', '--file', tarFile, '--directory', root, '--numeric-owner', '.'],
    'pack the root',
    signal,
  );
  await context.engine.importRootfs(tarFile, request.tag);
  return packageRootArtifacts({
    engine: context.engine,
    store: context.store,
    root,
    ociImage: request.tag,
    imageId: request.imageId,
    workDir,
    compression: context.squashfs,
    boot: request.boot,
    onNote: request.onNote,
    signal,
  });
}
