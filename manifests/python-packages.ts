import type { ManifestPiece } from '../src/probe/manifest-piece.js';
import { markdownPiece, quotedOutput } from '../src/probe/markdown.js';
import { PYTHON_VERSION } from '../taggers/python.js';
import { PYTHON_DISTRIBUTIONS } from '../taggers/python-distributions.js';

export { LIST_DISTRIBUTIONS } from '../taggers/python-distributions.js';

/** docker-stacks' Python Packages section: the interpreter's version, then every installed distribution. */
export const pythonPackagesManifest: ManifestPiece = {
  name: 'python-packages',
  commands: [PYTHON_VERSION, PYTHON_DISTRIBUTIONS],
  markdown: ([version, packages]) =>
    markdownPiece('## Python Packages', [
      version!.stdout.trim(),
      quotedOutput(packages!, 'python3 -m pip list'),
    ]),
};
