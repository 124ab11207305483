import type { Command } from 'commander';
import type { CliContext } from './cli-context.js';

export type CommandFactory = (context: () => CliContext) => Command;

/**
 * `commands` on `program`. commander's own usage errors (unknown option, missing argument) go to
 * `onUsageError` (the CLI exits 2; the Action reports the input at fault). addCommand() does not pass the
 * program's settings down, so each command gets the override too.
 */
export function addCommands(
  program: Command,
  commands: readonly CommandFactory[],
  getContext: () => CliContext,
  onUsageError: (error: { exitCode: number; message: string }) => never,
): Command {
  for (const command of commands) program.addCommand(command(getContext));
  for (const command of [program, ...program.commands]) command.exitOverride(onUsageError);
  return program;
}
