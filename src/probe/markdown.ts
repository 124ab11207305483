import type { ExecResult } from '../engine/exec-result.js';
import { displayCommand } from './display-command.js';

/** docker-stacks' MarkdownPiece: an H2 title and sections, separated by blank lines. */
export function markdownPiece(title: string, sections: readonly string[]): string {
  if (!title.startsWith('## ')) throw new Error(`a manifest piece title must be an H2 ("## ..."): ${title}`);
  return [title, ...sections].join('\n\n');
}

/** docker-stacks' quoted_output: the command in backticks, then its output in a ```text block. */
export function quotedOutput(result: ExecResult): string {
  const output = result.stdout
    .replace(/^\n+|\n+$/g, '')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
  if (output === '') throw new Error(`command \`${displayCommand(result.argv)}\` returned empty output`);
  return `\`${displayCommand(result.argv)}\`:\n\n\`\`\`text\n${output}\n\`\`\``;
}
