import type { Package } from '../records/package.js';
import { parseAptList } from './parse-apt-list.js';
import { parsePipList } from './parse-pip-list.js';
import { parseRPackages } from './parse-r-packages.js';

// A quoted_output block: "`<command>`:\n\n```text\n<output>\n```"
const BLOCK = /^`([^`\n]+)`:\n\n```text\n([\s\S]*?)\n```$/gm;

const PARSERS: [RegExp, (text: string) => Package[]][] = [
  [/^apt list --installed$/, parseAptList],
  [/^python3? -m pip list$|^pip list$/, parsePipList],
  [/^R .*installed\.packages\(/, parseRPackages],
];

/**
 * The packages a build manifest lists (its apt, pip and R blocks), for a previous build known only by its
 * manifest, as in the wiki.
 */
export function packagesFromManifest(markdown: string): Package[] {
  const packages: Package[] = [];
  for (const [, command, output] of markdown.matchAll(BLOCK)) {
    const parse = PARSERS.find(([label]) => label.test(command!))?.[1];
    if (parse) packages.push(...parse(output!));
  }
  return packages;
}
