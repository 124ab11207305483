import path from 'node:path';
import type { ImsLink } from '../ims-link.js';
import type { JobContext } from './job-context.js';
import { packageRootArtifacts } from './package-root-artifacts.js';
import { runChecked } from './run-checked.js';

/** A root kiwi made into the store as every create job's: imported as an image `tag` too (the OCI archive). */
export async function packageKiwiRoot(request: {
  context: JobContext;
  root: string;
  tag: string;
  imageId: string;
  workDir: string;
  signal: AbortSignal;
}): Promise<ImsLink> {
  const { context, root, workDir, signal } = request;
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
    signal,
  });
}
