import { DEFAULT_VARIANT, type Hierarchy } from './hierarchy.js';
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
