import { amiError, parseAmiCommand, type AmiCommand } from './parse-ami-command.js';

/** A command without its credentials, and the credentials it carried. */
export interface AmiCredentials {
  command: AmiCommand;
  user?: string;
  pass?: string;
}

// For the error of a command that does not parse: its credentials out first (any case, quoted or not).
const CREDENTIAL = /(^|\s)-{1,2}AMI(?:User|Pass)=(?:"(?:[^"\\]|\\.)*"?|'[^']*'?|\S*)/gi;

/**
 * Parses a command and takes -AMIUser and -AMIPass (pyAMI appends them to every command) out of it before
 * anything else reads it, so that no error, log line or audit entry ever quotes them.
 */
export function takeCredentials(text: string): AmiCredentials {
  let command: AmiCommand;
  try {
    command = parseAmiCommand(text);
  } catch {
    parseAmiCommand(text.replace(CREDENTIAL, '$1')); // throws its error without them
    throw amiError('cannot read the command'); // only its credentials did not parse
  }
  const found: { user?: string; pass?: string } = {};
  for (const name of [...command.args.keys()]) {
    const which = name.toLowerCase();
    if (which !== 'amiuser' && which !== 'amipass') continue;
    found[which === 'amiuser' ? 'user' : 'pass'] = command.args.get(name)!;
    command.args.delete(name);
  }
  return { command, ...found };
}
