import { DEFAULT_VARIANT, requireImage, type ImageSpec } from '../hierarchy/hierarchy.js';
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
  /**
   * Also every variant of the image that left tags files in `out` (a fan-out's last job merges what its build
   * jobs pushed, variants included); `variant` is merged whatever it left.
   */
  allVariants?: boolean;
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
  const variants = options.allVariants
    ? await builtVariants(out, image, spec, options.variant)
    : [options.variant];
  const checked: CheckedMerge[] = [];
  for (const variant of variants) {
    const name = variant === DEFAULT_VARIANT ? image : `${image} (${variant})`;
    for (const target of targets) {
      checked.push(
        await log.step(`check ${name} in ${target.host}/${target.owner}`, async () =>
          checkMerge({
            image,
            variant,
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
  }
  const merged: MergedImage[] = [];
  for (const one of checked) {
    const where = `${one.request.target.host}/${one.request.target.owner}`;
    const name = one.request.variant === DEFAULT_VARIANT ? image : `${image} (${one.request.variant})`;
    merged.push(await log.step(`merge ${name} in ${where}`, () => writeMerge(one)));
  }
  return merged;
}

/** `given`, then each other variant of the image with a tags file of one of its platforms in `out`. */
async function builtVariants(
  out: OutFolder,
  image: string,
  spec: ImageSpec,
  given: string,
): Promise<string[]> {
  const variants = [given];
  for (const variant of [DEFAULT_VARIANT, ...spec.variants.keys()]) {
    if (variants.includes(variant)) continue;
    for (const platform of spec.platforms) {
      if ((await out.readTags({ image, platform, variant })) === undefined) continue;
      variants.push(variant);
      break;
    }
  }
  return variants;
}
