import type { Package, PackageSource } from '../records/package.js';

/**
 * This build's packages that a previous listing can be compared with: all when it covers every source, else
 * those of the sources it covers (a wiki manifest with `mamba list` but no `pip list` says nothing of pip: its
 * pip packages are not "all added"), and the sources left out.
 */
export function comparablePackages(
  current: readonly Package[],
  covered: readonly PackageSource[] | undefined,
): { packages: readonly Package[]; notCompared: PackageSource[] } {
  if (!covered) return { packages: current, notCompared: [] };
  const notCompared = [...new Set(current.map((pkg) => pkg.source))].filter(
    (source) => !covered.includes(source),
  );
  return { packages: current.filter((pkg) => covered.includes(pkg.source)), notCompared };
}
