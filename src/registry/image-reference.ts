/** A `host[:port]/path:tag` reference split into the parts the registry API needs. */
export interface ImageReference {
  registry: string;
  repository: string;
  tag: string;
}

export function parseImageReference(reference: string): ImageReference {
  const slash = reference.indexOf('/');
  if (slash < 0) throw new Error(`"${reference}" has no registry host`);
  const registry = reference.slice(0, slash);
  const rest = reference.slice(slash + 1);
  const colon = rest.lastIndexOf(':');
  if (colon < 0 || rest.includes('@')) throw new Error(`"${reference}" has no tag`);
  return { registry, repository: rest.slice(0, colon), tag: rest.slice(colon + 1) };
}
