import type { ManifestPiece } from '../src/probe/manifest-piece.js';
import { markdownPiece, quotedOutput } from '../src/probe/markdown.js';

export const aptPackagesManifest: ManifestPiece = {
  name: 'apt-packages',
  commands: [['apt', 'list', '--installed']],
  markdown: ([installed]) => markdownPiece('## Apt Packages', [quotedOutput(installed!)]),
};
