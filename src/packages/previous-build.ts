import type { Package } from './package.js';

/** The build an image's packages are compared with, and where it was found. */
export interface PreviousBuild {
  foundIn: 'out folder' | 'wiki' | 'registry';
  /** A record or manifest file, or an image reference with its digest. */
  reference: string;
  buildTimestamp: string | undefined;
  gitSha: string | undefined;
  packages: Package[];
}
