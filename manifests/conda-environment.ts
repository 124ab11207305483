import type { ManifestPiece } from '../src/probe/manifest-piece.js';
import { markdownPiece, quotedOutput } from '../src/probe/markdown.js';
import { PYTHON_VERSION } from '../taggers/python.js';
import { ifInstalled } from '../taggers/when-present.js';

/**
 * docker-stacks' conda_environment section ("## Python Packages"): the interpreter's version, then `conda info`,
 * `mamba info` and `mamba list`, each when its tool is installed; no section in an image with neither conda nor
 * mamba. The version comes from `python3 --version` (docker-stacks: `python`), shared with the python tagger.
 */
export const condaEnvironmentManifest: ManifestPiece = {
  name: 'conda-environment',
  commands: [PYTHON_VERSION, ['conda', 'info'], ['mamba', 'info'], ['mamba', 'list']],
  allowFailure: true,
  markdown: ([python, ...tools]) => {
    const installed = tools.map((result) => ifInstalled(result));
    if (installed.every((result) => result === undefined)) return undefined;
    const version = ifInstalled(python)?.stdout.trim();
    return markdownPiece('## Python Packages', [
      ...(version ? [version] : []),
      ...installed.flatMap((result) => (result ? [quotedOutput(result)] : [])),
    ]);
  },
};
