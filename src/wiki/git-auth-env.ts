/** Interactive helpers a clone/commit/push never needs; simple-git refuses to run with them set. */
const INTERACTIVE = [
  'EDITOR',
  'PAGER',
  'GIT_EDITOR',
  'GIT_PAGER',
  'GIT_SEQUENCE_EDITOR',
  'GIT_EXTERNAL_DIFF',
];

/** The wiki token from the environment: STACKHOOK_WIKI_TOKEN, else GITHUB_TOKEN (as in GitHub Actions). */
export function wikiToken(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.STACKHOOK_WIKI_TOKEN || env.GITHUB_TOKEN || undefined;
}

/** `Authorization: Basic base64(x-access-token:<token>)`, what GitHub accepts for https git with a token. */
export function authorizationHeader(token: string): string {
  return `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
}

/** Every form in which the token could show up in a message. */
export function tokenSecrets(token: string | undefined): string[] {
  if (!token) return [];
  return [
    token,
    authorizationHeader(token),
    authorizationHeader(token).slice('Authorization: Basic '.length),
  ];
}

/**
 * The environment for wiki git commands. The token goes to git as configuration through the environment
 * (GIT_CONFIG_COUNT/KEY/VALUE, git >= 2.31): never in argv (visible in `ps`) nor in the URL (echoed in git's
 * errors and stored in .git/config). The header is scoped to the wiki's origin (`http.<origin>/.extraHeader`),
 * so a GITHUB_TOKEN never travels to another host; a local or ssh wiki gets none. Existing GIT_CONFIG_*
 * entries of the caller are kept.
 */
export function gitAuthEnv(
  token: string | undefined,
  base: NodeJS.ProcessEnv = process.env,
  remoteUrl?: string,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value !== undefined && !INTERACTIVE.includes(key)) env[key] = value;
  }
  // A missing credential must fail, not wait for someone to type a password.
  env.GIT_TERMINAL_PROMPT = '0';
  const origin = /^https?:\/\/[^/]+/i.exec(remoteUrl ?? '')?.[0];
  if (token && origin) {
    const index = Number.parseInt(env.GIT_CONFIG_COUNT ?? '0', 10) || 0;
    env.GIT_CONFIG_COUNT = String(index + 1);
    env[`GIT_CONFIG_KEY_${index}`] = `http.${origin}/.extraHeader`;
    env[`GIT_CONFIG_VALUE_${index}`] = authorizationHeader(token);
  }
  return env;
}
