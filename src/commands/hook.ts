import { inputError } from '../errors/stackhook-error.js';
import { requireImage } from '../hierarchy/hierarchy.js';
import type { Platform } from '../hierarchy/platform.js';
import type { PreviousBuildSourceName } from '../pipeline/previous-build/previous-build-sources.js';
import { runHook } from '../pipeline/hook.js';
import { releaseImage } from '../pipeline/release-image.js';
import type { BuildRecord } from '../records/build-record.js';
import { OutFolder } from '../records/out-folder.js';
import type { PushedImage } from '../records/pushed-image.js';
import type { RegisteredImage } from '../records/registered-image.js';
import { openRegistration, type CatalogChoice } from '../registration/open-registration.js';
import { pushTargets } from '../registry/push-targets.js';
import type { CommandContext } from './command-context.js';
import { preparePodman } from './prepare-podman.js';
import { loadStack, type StackChoice } from './load-stack.js';
import type { RegistryCredentials } from './registry-credentials.js';

export interface HookOptions extends StackChoice {
  image: string;
  platform: Platform;
  variant: string;
  out: string;
  /** false: use the image already built (`--no-build`). */
  build: boolean;
  /** false: skip the image's tests (`--no-test`). */
  test?: boolean;
  previousFrom?: readonly PreviousBuildSourceName[];
  wikiDir?: string;
  /** build: stale ancestors are built here; registry: the parent an earlier job pushed is pulled. */
  parentsFrom: string;
  push: boolean;
  /** Where to push (`host[/owner]`; default: the hierarchy's registries). */
  pushTo?: readonly string[];
  /** Register once pushed (registering pushes). */
  register?: CatalogChoice;
  credentials: RegistryCredentials;
}

export interface HookResult {
  record: BuildRecord;
  pushed?: PushedImage;
  registered?: RegisteredImage;
}

/** `stackhook hook`: build (or pull the parent of), test, probe and tag one image, then push and register it. */
export async function hook(options: HookOptions, context: CommandContext): Promise<HookResult> {
  const { log, signal } = context;
  const { hierarchy, probes } = await loadStack(options);
  const { image } = options;
  requireImage(hierarchy, image);
  const parentFrom = options.parentsFrom;
  if (parentFrom !== 'build' && parentFrom !== 'registry')
    throw inputError(`"${parentFrom}" is not build or registry`, '--parents-from');
  const push = options.push || options.register !== undefined;
  // Logged in only where this run goes: the registries it pushes to, which hold the parent it pulls.
  const targets = push || parentFrom === 'registry' ? pushTargets(hierarchy, options.pushTo ?? []) : [];
  await using podman = await preparePodman(log, {
    file: options.credentials.authFile,
    login: options.credentials.login,
    targets,
    signal,
  });
  const { engine, authFile } = podman;
  // Checked before the build: a mapping that can't be registered or a key that can't write fails first.
  await using registration = options.register
    ? await openRegistration(hierarchy, [image], { ...options.register, authFile, log, signal })
    : undefined;
  const record = await runHook({
    hierarchy,
    engine,
    log,
    probes,
    image,
    platform: options.platform,
    variant: options.variant,
    outDir: options.out,
    noBuild: !options.build,
    noTest: options.test === false,
    previousFrom: options.previousFrom,
    wikiDir: options.wikiDir,
    parentFrom,
    authFile: authFile.file,
    signal,
  });
  if (!push) return { record };
  const out = new OutFolder(options.out);
  const released = await releaseImage({
    engine,
    log,
    out,
    record,
    release: { targets, authFile, registration },
    signal,
  });
  return { record, pushed: released.pushed, registered: released.registered };
}
