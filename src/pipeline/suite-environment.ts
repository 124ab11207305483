/** Names that carry credentials: registry passwords, catalog keys, wiki and CI tokens, the Action's inputs. */
const SECRET_NAME = /TOKEN|PASSWORD|PASSWD|SECRET|CREDENTIAL|_KEY$|^KEY$|AUTH/i;

/**
 * The environment a host-side test suite runs with: stackhook's own, without what could carry a secret. A suite
 * is the stack's code and tests an image that is not trusted yet; it needs no registry, catalog or wiki access,
 * and the Action's inputs (`INPUT_PASSWORD`, `INPUT_CATALOG-TOKEN`, ...) are in the environment of its process.
 */
export function suiteEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(env))
    if (value !== undefined && !name.startsWith('INPUT_') && !SECRET_NAME.test(name)) kept[name] = value;
  return kept;
}
