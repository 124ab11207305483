import type { ContainerfileInstruction, ParsedContainerfile } from './containerfile-instruction.js';
import { GO_SPACE } from './go-space.js';
import { splitBuilderFlags } from './split-builder-flags.js';

const LEADING_SPACE = new RegExp(`^[${GO_SPACE}]+`);
const TRAILING_SPACE = new RegExp(`[${GO_SPACE}]+$`);
/** What separates an instruction's name from its arguments (Go's tokenWhitespace). */
const NAME_END = /[\t\v\f\r ]+/;
/** Anything that looks like an escape directive, however spaced or cased. */
const ESCAPE_LIKE = new RegExp(`^#[${GO_SPACE}]*escape[${GO_SPACE}]*=`, 'i');
/** The one form every buildah version reads alike. */
const ESCAPE_DIRECTIVE = /^#[ \t]*escape[ \t]*=[ \t]*(\S)[ \t]*$/i;

const trimLeft = (text: string) => text.replace(LEADING_SPACE, '');
const isComment = (text: string) => trimLeft(text).startsWith('#');

/**
 * A Containerfile split into instructions the way buildah's parser (imagebuilder's, and BuildKit's after it)
 * does: a byte-order mark dropped, the escape directive read, comment lines dropped (also between
 * continuation lines), continuation lines (ending in the escape character) joined, blank ones skipped, the
 * instruction name lowercased and the leading `--flags` split off. An escape directive anywhere but the first
 * line is a problem: parsers disagree on whether it counts, and a line one parser joins the other runs.
 */
export function parseContainerfile(text: string): ParsedContainerfile {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .map((line) => line.replace(/\r$/, ''));
  const problems: ParsedContainerfile['problems'] = [];
  let escape: ParsedContainerfile['escape'] = '\\';
  lines.forEach((line, index) => {
    const trimmed = trimLeft(line);
    if (!ESCAPE_LIKE.test(trimmed)) return;
    const value = ESCAPE_DIRECTIVE.exec(trimmed)?.[1];
    if (index > 0)
      problems.push({ line: index + 1, message: 'an escape directive is only accepted on the first line' });
    else if (value === '\\' || value === '`') escape = value;
    else problems.push({ line: 1, message: 'the escape directive takes \\ or ` alone' });
  });
  const continuation = new RegExp(`${escape === '\\' ? '\\\\' : '`'}[ \\t]*$`);
  const instructions: ContainerfileInstruction[] = [];
  for (let index = 0; index < lines.length;) {
    const start = index + 1;
    const first = trimLeft(lines[index++]!);
    let line = first.startsWith('#') ? '' : first;
    let ended = !continuation.test(line);
    line = line.replace(continuation, '');
    if (ended && line === '') continue;
    while (!ended && index < lines.length) {
      const next = lines[index++]!;
      if (isComment(next) || trimLeft(next) === '') continue;
      ended = !continuation.test(next);
      line += next.replace(continuation, '');
    }
    instructions.push(splitInstruction(line, start));
  }
  return { escape, instructions, problems };
}

function splitInstruction(line: string, start: number): ContainerfileInstruction {
  const trimmed = trimLeft(line).replace(TRAILING_SPACE, '');
  const gap = NAME_END.exec(trimmed);
  const name = gap ? trimmed.slice(0, gap.index) : trimmed;
  const { flags, rest } = splitBuilderFlags(gap ? trimmed.slice(gap.index + gap[0].length) : '');
  return {
    line: start,
    name: name.toLowerCase(),
    flags,
    args: trimLeft(rest).replace(TRAILING_SPACE, ''),
  };
}
