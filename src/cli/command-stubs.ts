import { Command, Help } from 'commander';
import type { CommandFactory } from './add-commands.js';
import type { CliCommand } from './cli-commands.js';

/** How `stackhook --help` lists each stand-in: as cli-commands.ts says (commander would compute it). */
const TERMS = new WeakMap<Command, string>();

/**
 * The factories for one run of `stackhook <argv>`: the real one (its module loaded) for the command the
 * arguments name (`stackhook help <command>` too), a listing-only stand-in for every other command. The program's
 * own options are all flags, so the command is the first word that isn't one.
 */
export async function commandsFor(
  commands: readonly CliCommand[],
  args: readonly string[],
): Promise<CommandFactory[]> {
  const words = args.filter((arg) => !arg.startsWith('-'));
  const named = new Set(words[0] === 'help' ? words.slice(0, 2) : words.slice(0, 1));
  return Promise.all(
    commands.map(async (command) => (named.has(command.name) ? await command.load() : () => stub(command))),
  );
}

/** For `program.configureHelp()`: the stand-ins' terms, commander's own for loaded commands. */
export function subcommandTerm(command: Command): string {
  return TERMS.get(command) ?? new Help().subcommandTerm(command);
}

function stub(command: CliCommand): Command {
  const listed = new Command(command.name).description(command.description);
  TERMS.set(listed, [command.name, command.usage].filter(Boolean).join(' '));
  return listed;
}
