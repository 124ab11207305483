import { StackhookError } from '../../errors/stackhook-error.js';

export interface AmiCommand {
  name: string;
  /** Argument names as written (AMI's are camelCase: swTag, amiTag, tagName). */
  args: Map<string, string>;
}

// -name="value with spaces", -name='value', -name=value, or a bare -flag; an unquoted value holds no quote.
const ARGUMENT = /^-{1,2}([A-Za-z][A-Za-z0-9_]*)(?:=(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s"']*)))?(?=\s|$)/;
// The same argument whose value opens a quote it never closes.
const UNBALANCED = /^-{1,2}([A-Za-z][A-Za-z0-9_]*)=[^\s"']*["']/;

/** Parses AMI's command syntax, `GetSWTagInfo -swTag="sw1"`, without any shell: the text is only ever data. */
export function parseAmiCommand(text: string): AmiCommand {
  const trimmed = text.trim();
  const name = /^[A-Za-z][A-Za-z0-9]*/.exec(trimmed)?.[0];
  // Errors never quote the text: a credential the client misspelt (-AMIPass = "...") would be in it.
  if (!name)
    throw amiError('not an AMI command: it starts with the command\'s name (GetSWTagInfo -swTag="sw1")');
  const args = new Map<string, string>();
  let rest = trimmed.slice(name.length).trimStart();
  while (rest.length > 0) {
    const match = ARGUMENT.exec(rest);
    if (!match) {
      const open = UNBALANCED.exec(rest);
      throw amiError(
        open
          ? `${name}: the value of -${open[1]} has an unbalanced quote`
          : `cannot read the arguments of ${name} at character ${trimmed.length - rest.length + 1}: each is -name, -name=value or -name="value"`,
      );
    }
    if (args.has(match[1]!)) throw amiError(`${name}: -${match[1]} is given twice`);
    const value = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? match[4] ?? '');
    args.set(match[1]!, value);
    rest = rest.slice(match[0].length).trimStart();
  }
  return { name, args };
}

export function amiError(description: string, status = 400): StackhookError {
  return new StackhookError({ kind: 'input', status, description, subject: 'AMI command' });
}
