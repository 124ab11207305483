import type { Hierarchy } from '../hierarchy/hierarchy.js';
import { loadHierarchy } from '../hierarchy/load-hierarchy.js';
import { builtinProbeSet, knownProbes } from '../probe/builtin-probe-set.js';
import type { ProbeSet } from '../probe/probe-set.js';
import { loadProbeSet } from '../plugins/load-probe-set.js';

export interface StackChoice {
  /** The hierarchy file. */
  hierarchy: string;
  /** Registry and owner in tag names, instead of the hierarchy's. */
  registry?: string;
  owner?: string;
}

export interface Stack {
  hierarchy: Hierarchy;
  probes: ProbeSet;
}

/** The hierarchy with the names its tags use, and every probe its images may name (its own plugins too). */
export async function loadStack(choice: StackChoice): Promise<Stack> {
  const builtins = builtinProbeSet();
  const loaded = await loadHierarchy(choice.hierarchy, knownProbes(builtins));
  const hierarchy = {
    ...loaded,
    registry: choice.registry ?? loaded.registry,
    owner: choice.owner ?? loaded.owner,
  };
  return { hierarchy, probes: await loadProbeSet(hierarchy, builtins) };
}

/** The hierarchy alone, for the commands that neither build nor probe (the built-in probe names known). */
export function loadHierarchyOnly(file: string): Promise<Hierarchy> {
  return loadHierarchy(file, knownProbes(builtinProbeSet()));
}
