import type { Package } from '../records/package.js';

// A row of R's matrix print: `base      "base"      "4.2.2"`
const ROW = /^\S+\s+"([^"]+)"\s+"([^"]+)"$/;

/** The packages in R's print of `installed.packages(...)[, c(1,3)]` (name and version columns). */
export function parseRPackages(text: string): Package[] {
  return text.split('\n').flatMap((line) => {
    const match = ROW.exec(line.trim());
    return match ? [{ name: match[1]!, version: match[2]!, source: 'R' as const }] : [];
  });
}
