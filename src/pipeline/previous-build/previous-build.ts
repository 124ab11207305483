import type { PreviousBuildAbout } from '../../records/changes.js';
import type { Package } from '../../records/package.js';

/** The build an image's packages are compared with, where it was found, and its packages. */
export interface PreviousBuild extends PreviousBuildAbout {
  packages: Package[];
}
