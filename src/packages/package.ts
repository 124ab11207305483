/** Where an installed package came from: Debian's package database, Python's installed distributions, R's libraries. */
export type PackageSource = 'apt' | 'pip' | 'R';

/** One installed package, as listed in the BuildRecord, the SBOM and the "Changes since the previous build" section. */
export interface Package {
  name: string;
  version: string;
  source: PackageSource;
  /** Debian architecture (amd64, arm64, all) for apt packages. */
  architecture?: string;
}
