import { inputError } from '../errors/stackhook-error.js';
import type { Hierarchy } from '../hierarchy/hierarchy.js';
import { loadHierarchy } from '../hierarchy/load-hierarchy.js';
import { hostPlatform, parsePlatform, type Platform } from '../hierarchy/platform.js';
import { builtinProbeCatalog, knownProbes } from '../pipeline/builtin-probes.js';
import { PREVIOUS_BUILD_SOURCES, type PreviousBuildSourceName } from '../pipeline/changes-stage.js';
import type { ProbeCatalog } from '../pipeline/probe-catalog.js';
import { loadProbeCatalog } from '../plugins/load-probe-catalog.js';

/** The options `hook` and `walk` share: which stack, which names in tags, which platform, where to compare. */
export interface StackOptions {
  hierarchy: string;
  registry?: string;
  owner?: string;
  platform?: string;
  previousFrom: string;
}

export interface Stack {
  hierarchy: Hierarchy;
  catalog: ProbeCatalog;
  platform: Platform;
  previousFrom: PreviousBuildSourceName[];
}

/** Checks the shared options (exit 2 naming the option) and loads the hierarchy with its own probes. */
export async function loadStack(options: StackOptions): Promise<Stack> {
  const platform = options.platform === undefined ? hostPlatform() : parsePlatform(options.platform);
  if (!platform)
    throw inputError(`unknown platform "${options.platform}" (x86_64, aarch64, arm64)`, '--platform');
  const previousFrom = options.previousFrom.split(',').filter(Boolean);
  const unknown = previousFrom.find(
    (source) => !(PREVIOUS_BUILD_SOURCES as readonly string[]).includes(source),
  );
  if (unknown)
    throw inputError(`unknown source "${unknown}" (${PREVIOUS_BUILD_SOURCES.join(', ')})`, '--previous-from');
  const builtins = builtinProbeCatalog();
  const loaded = await loadHierarchy(options.hierarchy, knownProbes(builtins));
  const hierarchy = {
    ...loaded,
    registry: options.registry ?? loaded.registry,
    owner: options.owner ?? loaded.owner,
  };
  const catalog = await loadProbeCatalog(hierarchy, builtins);
  return { hierarchy, catalog, platform, previousFrom: previousFrom as PreviousBuildSourceName[] };
}
