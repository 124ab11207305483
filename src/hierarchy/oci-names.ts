// Rules from the OCI distribution spec (distribution/reference's grammar), the one place they are written: the
// hierarchy, the registry targets and the SW-Tag catalog's input all use them.

/** A repository path component: lowercase letters and digits joined by `.`, `_`, `__` or dashes (unanchored). */
export const OCI_PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
/** A registry: a domain name or an IPv4 address (dot-separated components) or a bracketed IPv6 one, and a port. */
export const OCI_REGISTRY_HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?`;

const PATH_COMPONENT = new RegExp(`^${OCI_PATH_COMPONENT}$`);
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const REGISTRY_HOST = new RegExp(`^${OCI_REGISTRY_HOST}$`);

/** Why `name` is not a valid repository path component, or undefined when it is. */
export function repositoryComponentProblem(name: string): string | undefined {
  if (PATH_COMPONENT.test(name)) return undefined;
  return `"${name}" is not a valid OCI repository name component (lowercase letters, digits, separated by ".", "_", "__" or "-")`;
}

export function tagProblem(tag: string): string | undefined {
  if (TAG.test(tag)) return undefined;
  return `"${tag}" is not a valid OCI tag ([A-Za-z0-9_][A-Za-z0-9._-]{0,127})`;
}

export function registryProblem(registry: string): string | undefined {
  if (REGISTRY_HOST.test(registry)) return undefined;
  return `"${registry}" is not a valid registry host[:port]`;
}

export function ownerProblem(owner: string): string | undefined {
  const bad = owner.split('/').find((part) => !PATH_COMPONENT.test(part));
  return bad === undefined ? undefined : repositoryComponentProblem(bad);
}

/**
 * Turns any string into a valid tag: characters outside the tag alphabet become "_", a leading "." or "-"
 * gets a "_" in front, and the result is cut to 128 characters.
 */
export function sanitizeTag(raw: string): string {
  let tag = raw.replace(/[^A-Za-z0-9._-]/g, '_');
  if (tag === '') tag = '_';
  if (!/^[A-Za-z0-9_]/.test(tag)) tag = `_${tag}`;
  return tag.slice(0, 128);
}
