import type { ExecResult } from '../engine/exec-result.js';
import { markdownPiece, quotedOutput } from './markdown.js';

const result = (stdout: string, argv: readonly string[] = ['apt', 'list', '--installed']): ExecResult => ({
  argv,
  exitCode: 0,
  stdout,
  stderr: 'ignored on stderr',
});

describe('markdownPiece', () => {
  it.each<[string, string[], string]>([
    ['## Apt Packages', ['first', 'second'], '## Apt Packages\n\nfirst\n\nsecond'],
    ['## Build Info', [], '## Build Info'],
    ['## R Packages', ['one\nblock'], '## R Packages\n\none\nblock'],
  ])('joins %j and its sections with blank lines', (title, sections, markdown) => {
    expect(markdownPiece(title, sections)).toBe(markdown);
  });

  it.each(['# Title', '### Title', 'Title', '##Title', ' ## Title', ''])(
    'rejects the non-H2 title %j',
    (title) => {
      expect(() => markdownPiece(title, ['x'])).toThrow(
        `a manifest piece title must be an H2 ("## ..."): ${title}`,
      );
    },
  );
});

describe('quotedOutput', () => {
  const block = (command: string, output: string): string =>
    `\`${command}\`:\n\n\`\`\`text\n${output}\n\`\`\``;

  it.each<[string, string, string]>([
    ['plain output', 'a\nb\n', 'a\nb'],
    ['leading and trailing blank lines', '\n\n\na\nb\n\n\n', 'a\nb'],
    ['blank lines inside', 'a\n\n\nb', 'a\n\n\nb'],
    ['trailing spaces on each line', 'a   \nb\t\n  c  \n', 'a\nb\n  c'],
    ['leading spaces (kept)', '   indented\n', '   indented'],
    ['R-style prompt lines', '> x\n          Package\n> \n> \n', '> x\n          Package\n>\n>'],
  ])('%s', (_label, stdout, output) => {
    expect(quotedOutput(result(stdout))).toBe(block('apt list --installed', output));
  });

  it('shows the command as a shell would need it', () => {
    const argv = ['R', '--silent', '-e', 'installed.packages(.Library)[, c(1,3)]'];
    expect(quotedOutput(result('x\n', argv))).toBe(
      block(`R --silent -e 'installed.packages(.Library)[, c(1,3)]'`, 'x'),
    );
  });

  it.each(['', '\n', '\n\n\n', '   ', '  \n'])(
    'throws on the empty output %j, naming the command',
    (stdout) => {
      expect(() => quotedOutput(result(stdout, ['pip', 'list']))).toThrow(
        'command `pip list` returned empty output',
      );
    },
  );
});
