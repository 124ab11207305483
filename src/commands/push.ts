import { requireImage } from '../hierarchy/hierarchy.js';
import type { Platform } from '../hierarchy/platform.js';
import { OutFolder } from '../records/out-folder.js';
import type { PushedImage } from '../records/pushed-image.js';
import { pushStage } from '../registry/push-stage.js';
import { pushTargets } from '../registry/push-targets.js';
import type { CommandContext } from './command-context.js';
import { preparePodman } from './prepare-podman.js';
import { loadHierarchyOnly } from './load-stack.js';
import type { RegistryCredentials } from './registry-credentials.js';

export interface PushOptions {
  hierarchy: string;
  image: string;
  platform: Platform;
  variant: string;
  out: string;
  pushTo?: readonly string[];
  credentials: RegistryCredentials;
}

/** `stackhook push`: every tag of a built image, from its record in the out folder, to the registries. */
export async function push(options: PushOptions, context: CommandContext): Promise<PushedImage> {
  const { log, signal } = context;
  const hierarchy = await loadHierarchyOnly(options.hierarchy);
  const { image } = options;
  requireImage(hierarchy, image);
  const targets = pushTargets(hierarchy, options.pushTo ?? []);
  const out = new OutFolder(options.out);
  const record = await out.readRecord({ image, platform: options.platform, variant: options.variant });
  await using podman = await preparePodman(log, {
    file: options.credentials.authFile,
    login: options.credentials.login,
    targets,
    signal,
  });
  const { engine, authFile } = podman;
  const pushed = await log.step(`push ${image} to ${targets.map((target) => target.host).join(', ')}`, () =>
    pushStage({ engine, log, record, targets, authFile: authFile.file, signal }),
  );
  await out.writePushed(pushed);
  return pushed;
}
