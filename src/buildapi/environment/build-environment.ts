import type { Platform } from '../../hierarchy/platform.js';

/**
 * What an `architecture` (or `arch`) of the build API names: a platform (x86_64, aarch64: builds in the
 * service's default image), an OS build environment the operator declared (builds in its image), or `noarch`
 * (a component stored without one: PUT without `arch`; nothing is built for it).
 */
export interface BuildEnvironment {
  name: string;
  /** Undefined for `noarch`, which is only stored and served, never built. */
  platform?: Platform;
  /** The builder image of a declared environment; undefined for platforms and `noarch`. */
  image?: string;
  /** References a Dockerfile's FROM may write for the image, besides `<anything>/<name>-env:latest`. */
  aliases: readonly string[];
}

/** The architecture of a component stored without an environment (PUT /component without `arch`). */
export const NOARCH = 'noarch';
