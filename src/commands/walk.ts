import os from 'node:os';
import { inputError } from '../errors/stackhook-error.js';
import { requireImage } from '../hierarchy/hierarchy.js';
import type { Platform } from '../hierarchy/platform.js';
import type { VariantChoice } from '../hierarchy/variant-choice.js';
import type { PreviousBuildSourceName } from '../pipeline/previous-build/previous-build-sources.js';
import { openRegistration, type CatalogChoice } from '../registration/open-registration.js';
import { pushTargets } from '../registry/push-targets.js';
import { runWalk } from '../walk/run-walk.js';
import type { WalkEvent } from '../walk/walk-event.js';
import type { WalkResult } from '../walk/walked-image.js';
import type { CommandContext } from './command-context.js';
import { preparePodman } from './prepare-podman.js';
import { loadStack } from './load-stack.js';
import type { RegistryCredentials } from './registry-credentials.js';

export interface WalkOptions {
  hierarchy: string;
  /** Roots of the subtrees to walk; every image when empty. */
  images: readonly string[];
  platform: Platform;
  /** Which variants beside the defaults (every one when undefined; none: `--no-variants`). */
  variants?: VariantChoice;
  out: string;
  /** Images built at once (default: this machine's cores). */
  jobs?: number;
  previousFrom?: readonly PreviousBuildSourceName[];
  wikiDir?: string;
  /** false: skip the images' tests (`--no-test`). */
  test?: boolean;
  push: boolean;
  /** Where to push (`host[/owner]`; default: the hierarchy's registries). */
  pushTo?: readonly string[];
  /** Register each image once pushed (registering pushes). */
  register?: CatalogChoice;
  credentials: RegistryCredentials;
  /** Where each image is, as it changes (a live board in a terminal). */
  onEvent?: (event: WalkEvent) => void;
}

/**
 * `stackhook walk`: the hierarchy (or the named subtrees) parents first, each image built, described, then
 * pushed and registered as hook does. Failed images are in the result (status `failed`), not thrown.
 */
export async function walk(options: WalkOptions, context: CommandContext): Promise<WalkResult> {
  const { log, signal } = context;
  const jobs = options.jobs ?? os.availableParallelism();
  if (!Number.isInteger(jobs) || jobs < 1) throw inputError(`not a number of jobs: "${jobs}"`, '--jobs');
  // Tags keep the hierarchy's registry and owner; pushTo names push destinations.
  const { hierarchy, probes } = await loadStack({ hierarchy: options.hierarchy });
  const push = options.push || options.register !== undefined;
  const targets = push ? pushTargets(hierarchy, options.pushTo ?? []) : [];
  await using podman = await preparePodman(log, {
    file: options.credentials.authFile,
    login: options.credentials.login,
    targets,
    signal,
  });
  const { engine, authFile } = podman;
  for (const image of options.images) requireImage(hierarchy, image);
  const walked = [
    ...new Set(
      options.images.length > 0
        ? options.images.flatMap((image) => hierarchy.graph.subtree(image))
        : hierarchy.graph.names,
    ),
  ];
  await using registration = options.register
    ? await openRegistration(hierarchy, walked, { ...options.register, authFile, log, signal })
    : undefined;
  // Awaited here: `await using` disposes of the registration (its database) when this function returns.
  return await runWalk({
    onEvent: options.onEvent,
    release: push ? { targets, authFile, registration } : undefined,
    hierarchy,
    engine,
    log,
    probes,
    images: options.images,
    platform: options.platform,
    variants: options.variants,
    outDir: options.out,
    jobs,
    noTest: options.test === false,
    previousFrom: options.previousFrom,
    wikiDir: options.wikiDir,
    signal,
  });
}
