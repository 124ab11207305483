import type { ManifestPiece } from '../src/probe/manifest-piece.js';
import { markdownPiece, quotedOutput } from '../src/probe/markdown.js';
import { R_VERSION } from '../taggers/r.js';

export const rPackagesManifest: ManifestPiece = {
  name: 'r-packages',
  commands: [R_VERSION, ['R', '--silent', '-e', 'installed.packages(.Library)[, c(1,3)]']],
  markdown: ([version, packages]) =>
    markdownPiece('## R Packages', [quotedOutput(version!), quotedOutput(packages!)]),
};
