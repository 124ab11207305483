import type { Package } from '../records/package.js';

// "adduser/now 3.134 all [installed,local]" (apt list --installed; "Listing..." and warnings are not rows)
const ROW = /^([a-z0-9][a-z0-9+.-]*)\/\S+ (\S+) (\S+)(?: \[[^\]]*\])?$/;

/** The packages in `apt list --installed` output. */
export function parseAptList(text: string): Package[] {
  return text.split('\n').flatMap((line) => {
    const match = ROW.exec(line.trim());
    return match
      ? [{ name: match[1]!, version: match[2]!, source: 'apt' as const, architecture: match[3]! }]
      : [];
  });
}
