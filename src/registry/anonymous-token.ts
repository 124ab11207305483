/**
 * The Docker/OCI token flow for anonymous pulls (Docker Hub, ghcr.io, quay.io answer 401 with
 * `WWW-Authenticate: Bearer realm=...,service=...,scope=...`): fetch a pull token from the realm. Returns
 * undefined when the challenge is not a Bearer one (basic auth needs credentials: see `stackhook push`).
 */
export async function anonymousToken(
  challenge: string | null,
  signal?: AbortSignal,
): Promise<string | undefined> {
  if (!challenge || !/^Bearer\s/i.test(challenge)) return undefined;
  const parameters = new Map(
    [...challenge.matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key!.toLowerCase(), value!]),
  );
  const realm = parameters.get('realm');
  if (!realm) return undefined;
  const url = new URL(realm);
  for (const key of ['service', 'scope']) {
    const value = parameters.get(key);
    if (value) url.searchParams.set(key, value);
  }
  const response = await fetch(url, { signal });
  if (!response.ok) return undefined;
  const body = (await response.json()) as { token?: string; access_token?: string };
  return body.token ?? body.access_token;
}
