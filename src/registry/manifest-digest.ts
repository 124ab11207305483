import { anonymousToken } from './anonymous-token.js';
import { parseImageReference } from './image-reference.js';
import { isLocalRegistry } from './is-local-registry.js';

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/**
 * The digest a registry serves for `reference` (HEAD on the manifest, nothing pulled), or undefined when the
 * tag does not exist. Public images on registries that want a token (Docker Hub, ghcr.io, quay.io) are
 * reached with an anonymous pull token. Throws with the status for anything else (401: credentials needed).
 */
export async function manifestDigest(reference: string, signal?: AbortSignal): Promise<string | undefined> {
  const { registry, repository, tag } = parseImageReference(reference);
  const schemes = isLocalRegistry(registry) ? ['http', 'https'] : ['https'];
  let lastError: unknown;
  for (const scheme of schemes) {
    const url = `${scheme}://${registry}/v2/${repository}/manifests/${tag}`;
    const head = (token?: string) =>
      fetch(url, {
        method: 'HEAD',
        headers: { Accept: MANIFEST_TYPES, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        signal,
      });
    let response: Response;
    try {
      response = await head();
      if (response.status === 401) {
        const token = await anonymousToken(response.headers.get('www-authenticate'), signal);
        if (token) response = await head(token);
      }
    } catch (error) {
      lastError = error;
      continue;
    }
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`${registry} answered ${response.status} for ${repository}:${tag}`);
    const digest = response.headers.get('docker-content-digest');
    if (!digest) throw new Error(`${registry} sent no Docker-Content-Digest for ${repository}:${tag}`);
    return digest;
  }
  throw new Error(`cannot reach ${registry}: ${(lastError as Error)?.message ?? 'unknown error'}`);
}
