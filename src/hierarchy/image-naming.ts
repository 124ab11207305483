import { DEFAULT_VARIANT, type Hierarchy } from './hierarchy.js';
import { sanitizeTag } from './oci-names.js';
import type { Platform } from './platform.js';

/** docker-stacks: the tag prefix is the platform, or platform-variant for a non-default variant. */
export function tagPrefix(platform: Platform, variant: string): string {
  return variant === DEFAULT_VARIANT ? platform : `${platform}-${variant}`;
}

/** docker-stacks: file names always carry both (x86_64-default-base-notebook.txt). */
export function filePrefix(platform: Platform, variant: string): string {
  return `${platform}-${variant}`;
}

/** registry/owner/image, without a tag. */
export function fullImage(hierarchy: Pick<Hierarchy, 'registry' | 'owner'>, image: string): string {
  return `${hierarchy.registry}/${hierarchy.owner}/${image}`;
}

/** The local reference a build gets: <registry>/<owner>/<image>:<prefix>-latest. */
export function latestReference(
  hierarchy: Pick<Hierarchy, 'registry' | 'owner'>,
  image: string,
  platform: Platform,
  variant: string,
): string {
  return `${fullImage(hierarchy, image)}:${tagPrefix(platform, variant)}-latest`;
}

/**
 * docker-stacks' tags of one build: `<prefix>-latest`, then `<prefix>-<value>` for each tag value, sanitised to
 * OCI tag rules (the whole tag must fit 128 characters, prefix included).
 */
export function imageTags(
  hierarchy: Pick<Hierarchy, 'registry' | 'owner'>,
  build: { image: string; platform: Platform; variant: string },
  values: readonly string[],
): string[] {
  const base = fullImage(hierarchy, build.image);
  const prefix = tagPrefix(build.platform, build.variant);
  return [
    `${base}:${prefix}-latest`,
    ...values.map((value) => `${base}:${sanitizeTag(`${prefix}-${value}`)}`),
  ];
}
