import { parseWwwAuthenticate } from './www-authenticate.js';

/**
 * The Docker/OCI token flow for anonymous pulls (Docker Hub, ghcr.io, quay.io answer 401 with
 * `WWW-Authenticate: Bearer realm=...,service=...,scope=...`): fetch a pull token from the realm. Returns
 * undefined when the challenge is not a Bearer one (basic auth needs credentials: see `stackhook push`).
 */
export async function anonymousToken(
  header: string | null,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const challenge = parseWwwAuthenticate(header);
  if (challenge?.scheme !== 'bearer' || !challenge.realm) return undefined;
  const url = new URL(challenge.realm);
  if (challenge.service) url.searchParams.set('service', challenge.service);
  if (challenge.scope) url.searchParams.set('scope', challenge.scope);
  const response = await fetch(url, { signal });
  if (!response.ok) return undefined;
  const body = (await response.json()) as { token?: string; access_token?: string };
  return body.token ?? body.access_token;
}
