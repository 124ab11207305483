import type { Hierarchy } from '../hierarchy/hierarchy.js';
import { parseRegistryTarget, type RegistryTarget } from '../registry/registry-target.js';

/** `--registry` values when given, else the hierarchy's `registries:`, else the registry its tags name. */
export function pushTargets(hierarchy: Hierarchy, fromCli: readonly string[]): RegistryTarget[] {
  if (fromCli.length > 0)
    return fromCli.map((text) => parseRegistryTarget(text, hierarchy.owner, '--registry'));
  if (hierarchy.registries.length > 0) {
    return hierarchy.registries.map((text, index) =>
      parseRegistryTarget(text, hierarchy.owner, `${hierarchy.file} registries.${index}`),
    );
  }
  return [parseRegistryTarget(hierarchy.registry, hierarchy.owner, `${hierarchy.file} registry`)];
}
