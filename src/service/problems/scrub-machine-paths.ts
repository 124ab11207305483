import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT, stateDir } from '../../environment/state-dir.js';

/** Folders besides the built-in ones whose paths no client may see (the artifact store's, when it is a folder). */
const extraFolders = new Set<string>();

/** Adds a folder of this service (an absolute path) to those `scrubMachinePaths` hides. */
export function hideMachineFolder(folder: string): void {
  if (path.isAbsolute(folder)) extraFolders.add(path.resolve(folder));
}

/**
 * A message with every path into this service's own folders replaced by `<path>` (also inside `file://` URLs):
 * its package, state directory, working directory, home and temporary directories, artifact store. What a
 * client wrote itself (`file:///etc/passwd` in a manifest it uploaded) may be quoted back; where this service
 * keeps its code and files is not told. The last line of the error handlers: sources should not put such paths
 * into what clients see in the first place.
 */
export function scrubMachinePaths(text: string): string {
  const pattern = foldersPattern();
  return pattern ? text.replace(pattern, '<path>') : text;
}

function foldersPattern(): RegExp | undefined {
  const folders = [
    ...new Set([PACKAGE_ROOT, stateDir(), process.cwd(), os.homedir(), os.tmpdir(), ...extraFolders]),
  ]
    .map((folder) => path.resolve(folder))
    .filter((folder) => folder !== path.parse(folder).root)
    .sort((a, b) => b.length - a.length)
    .map((folder) => folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (folders.length === 0) return undefined;
  // Not after a word character (`/api/v1/tmp` is a URL's path); a whole folder name, then up to a space, a quote,
  // a closing bracket, or a colon that ends a clause.
  return new RegExp(
    `(?<![\\w.~-])(?:${folders.join('|')})(?=[/\\s'"\`:,;)\\]>]|$)(?:[^\\s'"\`,;:)\\]>]|:(?!\\s|$))*`,
    'g',
  );
}
