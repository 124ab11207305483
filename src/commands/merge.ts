import { requireImage } from '../hierarchy/hierarchy.js';
import { OutFolder } from '../records/out-folder.js';
import type { MergedImage } from '../records/merged-image.js';
import { AuthFile } from '../registry/auth-file.js';
import { checkMerge, writeMerge, type CheckedMerge } from '../registry/merge-stage.js';
import { pushTargets } from '../registry/push-targets.js';
import type { CommandContext } from './command-context.js';
import { loadHierarchyOnly } from './load-stack.js';
import type { RegistryCredentials } from './registry-credentials.js';

export interface MergeOptions {
  hierarchy: string;
  image: string;
  variant: string;
  /** Holds every platform's tags files. */
  out: string;
  /** The registries to merge in (default: the hierarchy's). */
  pushTo?: readonly string[];
  allowMissing: boolean;
  credentials: RegistryCredentials;
}

/** `stackhook merge`: an image's per-platform tags joined into manifest lists, every registry checked first. */
export async function merge(options: MergeOptions, context: CommandContext): Promise<MergedImage[]> {
  const { log, signal } = context;
  const hierarchy = await loadHierarchyOnly(options.hierarchy);
  const { image } = options;
  const spec = requireImage(hierarchy, image);
  const targets = pushTargets(hierarchy, options.pushTo ?? []);
  // No podman here: the registry API is reached with the auth file's (or the login's) credentials.
  await using authFile = await AuthFile.open({
    file: options.credentials.authFile,
    login: options.credentials.login,
    targets,
    log,
    signal,
  });
  const out = new OutFolder(options.out);
  const checked: CheckedMerge[] = [];
  for (const target of targets) {
    checked.push(
      await log.step(`check ${image} in ${target.host}/${target.owner}`, async () =>
        checkMerge({
          image,
          variant: options.variant,
          platforms: spec.platforms,
          out,
          target,
          client: await authFile.client(target.host),
          allowMissing: options.allowMissing,
          log,
          signal,
        }),
      ),
    );
  }
  const merged: MergedImage[] = [];
  for (const one of checked) {
    const where = `${one.request.target.host}/${one.request.target.owner}`;
    merged.push(await log.step(`merge ${image} in ${where}`, () => writeMerge(one)));
  }
  return merged;
}
