import { displayCommand } from '../probe/display-command.js';

/**
 * A command on one line, for an error's first line: a test's `python3 -c` script can run to dozens of lines
 * (the JUnit report has it whole). Cut at the first line break or 120 characters, saying so with "…".
 */
export function briefCommand(argv: readonly string[]): string {
  const shown = displayCommand(argv);
  const line = shown.split('\n')[0]!;
  if (line.length > 120) return `${line.slice(0, 120)} …`;
  return line === shown ? shown : `${line} …`;
}
