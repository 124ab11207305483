import { readdirSync } from 'node:fs';

/** Top-level names of the service's own routes: `/api/v1/...` in a message is a URL, not a file. */
const ROUTE_ROOTS = new Set([
  'AMI',
  'AMI2',
  'ami',
  'api',
  'apis',
  'build',
  'catalog.css',
  'component',
  'docs',
  'healthz',
  'image',
  'ims',
  'login',
  'logout',
  'openapi.json',
  'swtags',
  'version',
]);

let pattern: RegExp | undefined;

/**
 * A message with every absolute path of this machine replaced by `<path>` (also inside `file://` URLs): a path is
 * one that starts with an entry of the root directory (`/root/...`, `/tmp/...`, `/var/...`, what this machine has).
 * The last line of the error handler: sources should not put paths into what clients see in the first place.
 */
export function scrubMachinePaths(text: string): string {
  pattern ??= rootsPattern();
  return pattern ? text.replace(pattern, '<path>') : text;
}

function rootsPattern(): RegExp | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/');
  } catch {
    entries = ['bin', 'etc', 'home', 'opt', 'proc', 'root', 'run', 'srv', 'tmp', 'usr', 'var'];
  }
  const roots = entries
    .filter((entry) => !ROUTE_ROOTS.has(entry))
    .map((entry) => entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (roots.length === 0) return undefined;
  // Not after a word character (`/api/v1/tmp` is a URL's path); up to a space, a quote, a closing bracket, or a
  // colon that ends a sentence's clause.
  return new RegExp(
    `(?<![\\w.~-])/(?:${roots.join('|')})(?=[/\\s'"\`:,;)\\]>]|$)(?:[^\\s'"\`,;:)\\]>]|:(?!\\s|$))*`,
    'g',
  );
}
