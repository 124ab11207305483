import { readFile } from 'node:fs/promises';
import { inputError } from '../errors/stackhook-error.js';

/** The user and password an auth.json (podman, docker, skopeo) holds for `host`, for the registry API client. */
export async function authFileCredentials(
  file: string,
  host: string,
): Promise<{ username: string; password: string } | undefined> {
  let parsed: { auths?: Record<string, { auth?: string }> };
  try {
    parsed = JSON.parse(await readFile(file, 'utf8')) as typeof parsed;
  } catch (error) {
    throw inputError(`cannot read the auth file: ${(error as Error).message.split('\n')[0]}`, file);
  }
  const auth = parsed.auths?.[host]?.auth;
  if (!auth) return undefined;
  const pair = Buffer.from(auth, 'base64').toString('utf8');
  const colon = pair.indexOf(':');
  return colon < 0 ? undefined : { username: pair.slice(0, colon), password: pair.slice(colon + 1) };
}
