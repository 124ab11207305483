import type { Hierarchy } from '../hierarchy/hierarchy.js';
import type { PushedImage } from '../records/pushed-image.js';
import { isLocalRegistry } from './is-local-registry.js';
import { parseRegistryTarget, type RegistryTarget } from './registry-target.js';

/**
 * Where a run pushes: the registries given (`--registry`, the Action's `registries`) when any, else the
 * hierarchy's `registries:`, else the registry its tags name. Each problem names where the value came from.
 */
export function pushTargets(
  hierarchy: Hierarchy,
  given: readonly string[],
  subject = '--registry',
): RegistryTarget[] {
  if (given.length > 0) return given.map((text) => parseRegistryTarget(text, hierarchy.owner, subject));
  if (hierarchy.registries.length > 0) {
    return hierarchy.registries.map((text, index) =>
      parseRegistryTarget(text, hierarchy.owner, `${hierarchy.file} registries.${index}`),
    );
  }
  return [parseRegistryTarget(hierarchy.registry, hierarchy.owner, `${hierarchy.file} registry`)];
}

/** Where a push went (each registry and owner once, in order), read back from its references. */
export function pushTargetsOf(pushed: PushedImage): RegistryTarget[] {
  const targets = new Map<string, RegistryTarget>();
  for (const { registry, reference } of pushed.references) {
    const repository = reference.slice(0, reference.lastIndexOf(':'));
    const owner = repository.slice(registry.length + 1, repository.length - pushed.image.length - 1);
    targets.set(`${registry}/${owner}`, { host: registry, owner, tlsVerify: !isLocalRegistry(registry) });
  }
  return [...targets.values()];
}
