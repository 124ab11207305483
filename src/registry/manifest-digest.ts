import { parseImageReference } from './image-reference.js';
import { RegistryClient } from './registry-client.js';

/**
 * The digest a registry serves for `reference` (HEAD on the manifest, nothing pulled), or undefined when the
 * tag does not exist. Public images on registries that want a token (Docker Hub, ghcr.io, quay.io) are
 * reached with an anonymous pull token. Throws with the status for anything else (401: credentials needed).
 */
export async function manifestDigest(reference: string, signal?: AbortSignal): Promise<string | undefined> {
  const { registry, repository, tag } = parseImageReference(reference);
  try {
    return await new RegistryClient(registry).digest(repository, tag, signal);
  } catch (error) {
    if (error instanceof TypeError) throw new Error(`cannot reach ${registry}: ${error.message}`);
    throw error;
  }
}
