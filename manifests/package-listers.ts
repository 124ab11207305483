import type { PackageLister } from '../src/packages/package-lister.js';
import { parseAptList } from '../src/packages/parse-apt-list.js';
import { parsePipList } from '../src/packages/parse-pip-list.js';
import { parseRPackages } from '../src/packages/parse-r-packages.js';
import { aptPackagesManifest } from './apt-packages.js';
import { pythonPackagesManifest } from './python-packages.js';

const R_ALL_PACKAGES: readonly string[] = ['R', '--silent', '-e', 'installed.packages()[, c(1,3)]'];

/**
 * The package listers every probe runs: the same commands as the apt and Python manifest pieces, so an image
 * that has those pieces pays nothing extra, and one that lacks a tool lists nothing for it.
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
    // Every library, not only .Library as the manifest (docker-stacks' command): on Debian r-cran-* packages
    // and install.packages() go to site-library. A package in two libraries is the one R loads (first).
    source: 'R',
    commands: [R_ALL_PACKAGES],
    list: ([installed]) => {
      const seen = new Set<string>();
      return parseRPackages(installed!.stdout).filter((pkg) => !seen.has(pkg.name) && seen.add(pkg.name));
    },
  },
];
