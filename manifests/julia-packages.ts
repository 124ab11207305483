import type { ManifestPiece } from '../src/probe/manifest-piece.js';
import { markdownPiece, quotedOutput } from '../src/probe/markdown.js';
import { ifInstalled } from '../taggers/when-present.js';

/** docker-stacks' Julia Packages section: versioninfo() and Pkg.status(), when Julia is installed. */
export const juliaPackagesManifest: ManifestPiece = {
  name: 'julia-packages',
  commands: [
    ['julia', '-E', 'using InteractiveUtils; versioninfo()'],
    ['julia', '-E', 'import Pkg; Pkg.status()'],
  ],
  allowFailure: true,
  markdown: ([info, status]) => {
    const versionInfo = ifInstalled(info);
    const packages = ifInstalled(status);
    if (!versionInfo || !packages) return undefined;
    return markdownPiece('## Julia Packages', [quotedOutput(versionInfo), quotedOutput(packages)]);
  },
};
