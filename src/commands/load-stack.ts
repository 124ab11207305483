import type { Hierarchy } from '../hierarchy/hierarchy.js';
import { loadHierarchy } from '../hierarchy/load-hierarchy.js';
import { builtinProbeCatalog, knownProbes } from '../pipeline/builtin-probes.js';
import type { ProbeCatalog } from '../pipeline/probe-catalog.js';
import { loadProbeCatalog } from '../plugins/load-probe-catalog.js';

export interface StackChoice {
  /** The hierarchy file. */
  hierarchy: string;
  /** Registry and owner in tag names, instead of the hierarchy's. */
  registry?: string;
  owner?: string;
}

export interface Stack {
  hierarchy: Hierarchy;
  catalog: ProbeCatalog;
}

/** The hierarchy with the names its tags use, and every probe its images may name (its own plugins too). */
export async function loadStack(choice: StackChoice): Promise<Stack> {
  const builtins = builtinProbeCatalog();
  const loaded = await loadHierarchy(choice.hierarchy, knownProbes(builtins));
  const hierarchy = {
    ...loaded,
    registry: choice.registry ?? loaded.registry,
    owner: choice.owner ?? loaded.owner,
  };
  return { hierarchy, catalog: await loadProbeCatalog(hierarchy, builtins) };
}

/** The hierarchy alone, for the commands that neither build nor probe (the built-in probe names known). */
export function loadHierarchyOnly(file: string): Promise<Hierarchy> {
  return loadHierarchy(file, knownProbes(builtinProbeCatalog()));
}
