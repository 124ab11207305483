import type { Platform } from '../hierarchy/platform.js';

/** One reference pushed to one registry. */
export interface PushedReference {
  registry: string;
  reference: string;
  digest: string;
  attempts: number;
}

/** The push stage's record for one image and platform. */
export interface PushedImage {
  image: string;
  platform: Platform;
  variant: string;
  /** The manifest digest in the registries (the same image everywhere). */
  digest: string;
  references: PushedReference[];
  durationMs: number;
}
