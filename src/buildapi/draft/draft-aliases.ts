import { StackhookError } from '../../errors/stackhook-error.js';

/** The draft's names for stackhook's fields: ad-build's scripts send `arch`, its POST component `url`. */
const ALIASES: Readonly<Record<string, string>> = { arch: 'architecture', url: 'git_url' };

/**
 * `fields` with the draft's names read as stackhook's, the architecture lowercased (a new object; the input is
 * not changed). Both names given with different values is a 400 naming both; the same value twice is taken once.
 */
export function withDraftAliases(fields: Record<string, unknown>): Record<string, unknown> {
  const result = { ...fields };
  for (const [alias, name] of Object.entries(ALIASES)) {
    if (!(alias in result)) continue;
    const value = result[alias];
    delete result[alias];
    if (name in result && String(result[name]) !== String(value))
      throw new StackhookError({
        kind: 'input',
        description: `${alias} (${String(value)}) and ${name} (${String(result[name])}) differ: give one of them`,
        subject: `${alias}/${name}`,
      });
    result[name] = value;
  }
  // Environment names are lowercase; ad-build's backend also writes them in capitals (RHEL7).
  if (typeof result.architecture === 'string') result.architecture = result.architecture.toLowerCase();
  return result;
}
