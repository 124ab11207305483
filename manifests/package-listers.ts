import type { PackageLister } from '../src/packages/package-lister.js';
import { parseAptList } from '../src/packages/parse-apt-list.js';
import { parsePipList } from '../src/packages/parse-pip-list.js';
import { parseRPackages } from '../src/packages/parse-r-packages.js';
import { aptPackagesManifest } from './apt-packages.js';
import { pythonPackagesManifest } from './python-packages.js';
import { rPackagesManifest } from './r-packages.js';

/**
 * The package listers every probe runs: the same commands as the apt, Python and R manifest pieces, so an
 * image that has those pieces pays nothing extra, and one that lacks a tool lists nothing for it.
 */
export const PACKAGE_LISTERS: readonly PackageLister[] = [
  {
    source: 'apt',
    commands: aptPackagesManifest.commands,
    list: ([installed]) => parseAptList(installed!.stdout),
  },
  {
    source: 'pip',
    commands: pythonPackagesManifest.commands.slice(1),
    list: ([distributions]) => parsePipList(distributions!.stdout),
  },
  {
    source: 'R',
    commands: rPackagesManifest.commands.slice(1),
    list: ([installed]) => parseRPackages(installed!.stdout),
  },
];
