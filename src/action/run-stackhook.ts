import { Command } from 'commander';
import { hookCommand } from '../cli/hook.js';
import { mergeCommand } from '../cli/merge.js';
import { planCommand } from '../cli/plan.js';
import { addCommands, type CommandFactory } from '../cli/add-commands.js';
import { publishCommand } from '../cli/publish.js';
import { pushCommand } from '../cli/push.js';
import { registerCommand } from '../cli/register.js';
import { walkCommand } from '../cli/walk.js';
import { StackhookError } from '../errors/stackhook-error.js';
import type { Log } from '../log/log.js';

/** The commands the Action runs (the services and the catalog's admin commands stay out of its bundle). */
const ACTION_PIPELINE: readonly CommandFactory[] = [
  hookCommand,
  walkCommand,
  planCommand,
  pushCommand,
  mergeCommand,
  registerCommand,
  publishCommand,
];

/**
 * Runs one stackhook command in this process, as the CLI would with these arguments, and returns what it
 * printed (its result: JSON with --json). Its logs go to `log`. A usage error is bad input.
 */
export async function runStackhook(args: readonly string[], log: Log, signal: AbortSignal): Promise<string> {
  const printed: string[] = [];
  const program = new Command('stackhook');
  addCommands(
    program,
    ACTION_PIPELINE,
    () => ({ log, signal, print: (text) => printed.push(text) }),
    (error) => {
      throw new StackhookError({
        kind: 'input',
        description: error.message.replace(/^error: /, ''),
        subject: `stackhook ${args[0]}`,
      });
    },
  );
  // commander writes usage errors to stderr itself; the thrown error carries the same text.
  program.configureOutput({ writeErr: () => undefined, writeOut: (text) => log.info(text.trimEnd()) });
  for (const command of program.commands)
    command.configureOutput({ writeErr: () => undefined, writeOut: (text) => log.info(text.trimEnd()) });
  await program.parseAsync([...args], { from: 'user' });
  return printed.join('\n');
}
