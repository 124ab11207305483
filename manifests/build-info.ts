import type { ManifestPiece } from '../src/probe/manifest-piece.js';
import { markdownPiece } from '../src/probe/markdown.js';
import { humanSize } from './human-size.js';

/** docker-stacks' Build Info section: when, what, how big, from which commit. Always the first section. */
export const buildInfoManifest: ManifestPiece = {
  name: 'build-info',
  commands: [],
  markdown: (_results, context) => {
    const { sha, shortSha, message } = context.git;
    const commit = context.repository
      ? `[${sha}](https://github.com/${context.repository}/commit/${sha})`
      : sha;
    const lines = [
      `- Build timestamp: ${context.buildTimestamp}`,
      `- Docker image: \`${context.fullImage}:${shortSha}\``,
      `- Docker image size: ${humanSize(context.imageSizeBytes)}`,
      `- Git commit SHA: ${commit}`,
      '- Git commit message:',
      '',
      '```text',
      message,
      '```',
    ];
    return markdownPiece('## Build Info', [lines.join('\n')]);
  },
};
