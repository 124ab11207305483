import type { Platform } from '../hierarchy/platform.js';

/** One manifest list (OCI index) written by merge. */
export interface MergedTag {
  reference: string;
  digest: string;
  platforms: Platform[];
  /** Platforms left out with --allow-missing. */
  missing: Platform[];
}

/** The merge stage's record: the per-platform tags of an image joined into one index per tag. */
export interface MergedImage {
  image: string;
  variant: string;
  registry: string;
  tags: MergedTag[];
}
