import { inputError } from '../errors/stackhook-error.js';
import { ownerProblem, registryProblem } from '../hierarchy/oci-names.js';
import { isLocalRegistry } from './is-local-registry.js';

/** Where images are pushed: a registry host and the owner (namespace) the images go under there. */
export interface RegistryTarget {
  host: string;
  owner: string;
  tlsVerify: boolean;
}

/**
 * `host[:port][/owner/path]`, as in `registries:` or `--registry`; the owner defaults to the hierarchy's. TLS is
 * verified except for registries on this machine.
 */
export function parseRegistryTarget(text: string, defaultOwner: string, subject: string): RegistryTarget {
  const [host = '', ...path] = text.split('/');
  const owner = path.join('/') || defaultOwner;
  const problem = registryProblem(host) ?? ownerProblem(owner);
  if (problem) throw inputError(problem, subject);
  return { host, owner, tlsVerify: !isLocalRegistry(host) };
}
