import type { PushedImage } from './pushed-image.js';
import { isLocalRegistry } from './is-local-registry.js';
import type { RegistryTarget } from './registry-target.js';

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
