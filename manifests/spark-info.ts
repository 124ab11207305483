import type { ManifestPiece } from '../src/probe/manifest-piece.js';
import { markdownPiece, quotedOutput } from '../src/probe/markdown.js';
import { ifInstalled } from '../taggers/when-present.js';

/** docker-stacks' Apache Spark section: the banner of its spark-submit, when Spark is installed there. */
export const sparkInfoManifest: ManifestPiece = {
  name: 'spark-info',
  commands: [['/usr/local/spark/bin/spark-submit', '--version']],
  allowFailure: true,
  markdown: ([result]) => {
    const installed = ifInstalled(result);
    if (!installed) return undefined;
    // spark-submit prints its banner on stderr; docker-stacks' exec reads both streams as one.
    const output = { ...installed, stdout: `${installed.stderr}${installed.stdout}` };
    return markdownPiece('## Apache Spark', [quotedOutput(output)]);
  },
};
