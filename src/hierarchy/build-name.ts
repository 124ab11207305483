import { DEFAULT_VARIANT } from './hierarchy.js';

/** How a build is named in plans, walks and summaries: the image, and `image (variant)` for another variant. */
export function buildName(image: string, variant: string): string {
  return variant === DEFAULT_VARIANT ? image : `${image} (${variant})`;
}
