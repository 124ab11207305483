import { compare, valid } from '@renovatebot/pep440';
import { compareLooseVersions } from './compare-loose-versions.js';

/**
 * PEP 440's order (packaging's, through @renovatebot/pep440): normalised spellings are equal (1.0c1 == 1.0rc1,
 * 1.0-1 == 1.0.post1), a local version sorts after its public one, epochs first. A version PEP 440 rejects
 * (old metadata such as "1.0-beta-custom" or "unknown") is compared with the loose rules on both sides, as
 * no order between a valid and an invalid version is defined; identical strings are always equal.
 */
export function comparePipVersions(a: string, b: string): number {
  if (a === b) return 0;
  // compare() may answer ±2 (a longer release); callers want -1, 0, 1.
  if (valid(a) !== null && valid(b) !== null) return Math.sign(compare(a, b));
  return compareLooseVersions(a, b);
}
