import type { Package, PackageSource } from '../records/package.js';
import { parseAptList } from './parse-apt-list.js';
import { parsePipList } from './parse-pip-list.js';
import { parseRPackages } from './parse-r-packages.js';

// A quoted_output block: "`<command>`:\n\n```text\n<output>\n```"
const BLOCK = /^`([^`\n]+)`:\n\n```text\n([\s\S]*?)\n```$/gm;

const PARSERS: [RegExp, PackageSource, (text: string) => Package[]][] = [
  [/^apt list --installed$/, 'apt', parseAptList],
  [/^python3? -m pip list$|^pip list$/, 'pip', parsePipList],
  [/^R .*installed\.packages\(/, 'R', parseRPackages],
];

/**
 * The packages a build manifest lists (its apt, pip and R blocks), for a previous build known only by its
 * manifest, as in the wiki, and the sources it has a block of (the others it says nothing about).
 */
export function packagesFromManifest(markdown: string): { packages: Package[]; sources: PackageSource[] } {
  const packages: Package[] = [];
  const sources = new Set<PackageSource>();
  for (const [, command, output] of markdown.matchAll(BLOCK)) {
    const parser = PARSERS.find(([label]) => label.test(command!));
    if (!parser) continue;
    sources.add(parser[1]);
    packages.push(...parser[2](output!));
  }
  return { packages, sources: [...sources] };
}
