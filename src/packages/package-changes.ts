import { compareDebianVersions } from './compare-debian-versions.js';
import { compareLooseVersions } from './compare-loose-versions.js';
import { comparePipVersions } from './compare-pip-versions.js';
import type { PackageChanges } from '../records/changes.js';
import type { Package, PackageSource } from '../records/package.js';

// English collation whatever the machine's locale: the changes section must read the same everywhere (Danish
// sorts "aa" after "z", Lithuanian "y" before "k").
const NAMES = new Intl.Collator('en');

/** Two lists of one image's packages, before and after; a package is known by its source and name. */
export function diffPackages(previous: readonly Package[], current: readonly Package[]): PackageChanges {
  const before = new Map(previous.map((pkg) => [key(pkg), pkg]));
  const after = new Map(current.map((pkg) => [key(pkg), pkg]));
  const changes: PackageChanges = { added: [], removed: [], upgraded: [], downgraded: [] };
  for (const [id, pkg] of after) {
    const old = before.get(id);
    if (!old) {
      changes.added.push(pkg);
      continue;
    }
    const order = compareVersions(pkg.source, old.version, pkg.version);
    const change = { name: pkg.name, source: pkg.source, from: old.version, to: pkg.version };
    if (order < 0) changes.upgraded.push(change);
    else if (order > 0) changes.downgraded.push(change);
  }
  for (const [id, pkg] of before) if (!after.has(id)) changes.removed.push(pkg);
  const byName = (x: { source: string; name: string }, y: { source: string; name: string }) =>
    NAMES.compare(x.source, y.source) || NAMES.compare(x.name, y.name);
  for (const list of Object.values(changes) as { source: string; name: string }[][]) list.sort(byName);
  return changes;
}

/** dpkg's order for apt, PEP 440's for pip, R's package_version rules (the loose ones) for R. */
export function compareVersions(source: PackageSource, a: string, b: string): number {
  if (source === 'apt') return compareDebianVersions(a, b);
  return source === 'pip' ? comparePipVersions(a, b) : compareLooseVersions(a, b);
}

function key(pkg: Package): string {
  // pip compares names as pip normalises them; Debian multiarch has one package per architecture.
  const name = pkg.source === 'pip' ? pkg.name.toLowerCase().replace(/[-_.]+/g, '-') : pkg.name;
  return `${pkg.source}\u0000${name}\u0000${pkg.source === 'apt' ? (pkg.architecture ?? '') : ''}`;
}
