import type { ManifestPiece } from '../src/probe/manifest-piece.js';
import { markdownPiece, quotedOutput } from '../src/probe/markdown.js';
import { PYTHON_VERSION } from '../taggers/python.js';

/** docker-stacks' Python Packages section: the interpreter's version, then every installed distribution. */
export const pythonPackagesManifest: ManifestPiece = {
  name: 'python-packages',
  commands: [PYTHON_VERSION, ['python3', '-m', 'pip', 'list', '--disable-pip-version-check']],
  markdown: ([version, packages]) => markdownPiece('## Python Packages', [version!.stdout.trim(), quotedOutput(packages!)]),
};
