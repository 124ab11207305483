import type { Command } from 'commander';
import { amiCommand } from './ami.js';
import { catalogCommand } from './catalog.js';
import type { CliContext } from './cli-context.js';
import { doctorCommand } from './doctor.js';
import { hookCommand } from './hook.js';
import { mergeCommand } from './merge.js';
import { planCommand } from './plan.js';
import { publishCommand } from './publish.js';
import { pushCommand } from './push.js';
import { registerCommand } from './register.js';
import { serveCommand } from './serve.js';
import { walkCommand } from './walk.js';

/**
 * Every command, on `program`. commander's own usage errors (unknown option, missing argument) go to
 * `onUsageError` (the CLI exits 2; the Action reports the input at fault). addCommand() does not pass the
 * program's settings down, so each command gets the override too.
 */
export function addCommands(
  program: Command,
  getContext: () => CliContext,
  onUsageError: (error: { exitCode: number; message: string }) => never,
): Command {
  for (const command of [
    hookCommand,
    doctorCommand,
    publishCommand,
    walkCommand,
    planCommand,
    registerCommand,
    pushCommand,
    mergeCommand,
    serveCommand,
    amiCommand,
    catalogCommand,
  ])
    program.addCommand(command(getContext));
  for (const command of [program, ...program.commands]) command.exitOverride(onUsageError);
  return program;
}
