import { inputError } from '../errors/stackhook-error.js';

// The OCI distribution reference grammar (github.com/distribution/reference), without IPv6 hosts.
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::${TAG})?(?:@${DIGEST})?$`);

/** true when `reference` is an image reference (or an image id) by the OCI grammar, and holds no `..`. */
export function isImageReference(reference: string): boolean {
  const match = REFERENCE.exec(reference);
  return Boolean(match && match[1]!.length <= 255 && !reference.includes('..'));
}

/**
 * `reference`, checked before it reaches podman: through the API socket it becomes part of a URL path, where
 * `..` or `/` in a tag walks to another endpoint (and podman's redirect once took dockerode off to a host
 * named "images"); in argv it could read as an option.
 */
export function checkImageReference(reference: string, subject = 'image reference'): string {
  if (!isImageReference(reference))
    throw inputError(`${JSON.stringify(reference.slice(0, 300))} is not an image reference`, subject);
  return reference;
}
