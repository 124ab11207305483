import type { ExecResult } from '../engine/exec-result.js';
import { displayCommand } from './display-command.js';

/** docker-stacks' MarkdownPiece: an H2 title and sections, separated by blank lines. */
export function markdownPiece(title: string, sections: readonly string[]): string {
  if (!title.startsWith('## ')) throw new Error(`a manifest piece title must be an H2 ("## ..."): ${title}`);
  return [title, ...sections].join('\n\n');
}

/**
 * docker-stacks' quoted_output: the command in backticks, then its output in a ```text block. `label` replaces
 * the command where the command run is an equivalent that reads badly (a python -c program).
 */
export function quotedOutput(result: ExecResult, label?: string): string {
  const output = result.stdout
    .replace(/^\n+|\n+$/g, '')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
  const shown = label ?? displayCommand(result.argv);
  if (output === '') throw new Error(`command \`${shown}\` returned empty output`);
  return `\`${shown}\`:\n\n\`\`\`text\n${output}\n\`\`\``;
}
