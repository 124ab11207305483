import { Command, Help } from 'commander';
import { CLI_COMMANDS } from './cli-commands.js';
import { commandsFor, subcommandTerm } from './command-stubs.js';

const noContext = () => {
  throw new Error('no command runs here');
};

describe('CLI_COMMANDS', () => {
  // `stackhook --help` lists the commands from these lines without loading them: they must say what each says.
  it.each(CLI_COMMANDS.map((command) => [command.name, command] as const))(
    '%s is listed as it declares itself',
    async (name, listed) => {
      const command = (await listed.load())(noContext);
      expect(command.name()).toBe(name);
      expect(listed.description).toBe(command.description());
      expect([name, listed.usage].filter(Boolean).join(' ')).toBe(new Help().subcommandTerm(command));
    },
  );
});

describe('commandsFor', () => {
  const loaded = async (args: string[]) => {
    const program = new Command('stackhook').configureHelp({ subcommandTerm });
    for (const factory of await commandsFor(CLI_COMMANDS, args)) program.addCommand(factory(noContext));
    // A stand-in declares no option; every real command here declares one (catalog: its subcommand).
    return program.commands
      .filter((command) => command.options.length > 0 || command.commands.length > 0)
      .map((command) => command.name());
  };

  it.each<[string[], string[]]>([
    [[], []],
    [['--help'], []],
    [['--verbose', 'hook', 'base-notebook', '--no-build'], ['hook']],
    [['hook', 'plan'], ['hook']],
    [['help', 'plan'], ['plan']],
    [['plan', '--help'], ['plan']],
    [['catalog', 'keys', 'create'], ['catalog']],
    [['nope'], []],
  ])('%j loads %j', async (args, expected) => {
    expect(await loaded(args)).toEqual(expected);
  });

  it('lists every command with its usage, and a loaded command with all its options', async () => {
    const program = new Command('stackhook').configureHelp({ subcommandTerm });
    for (const factory of await commandsFor(CLI_COMMANDS, ['hook', '--help']))
      program.addCommand(factory(noContext));
    const listing = program.helpInformation();
    for (const command of CLI_COMMANDS)
      expect(listing).toContain([command.name, command.usage].filter(Boolean).join(' '));
    const hook = program.commands.find((command) => command.name() === 'hook')!;
    const declared = (await CLI_COMMANDS[0]!.load())(noContext);
    for (const option of declared.options) expect(hook.helpInformation()).toContain(option.flags);
  });
});
