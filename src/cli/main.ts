#!/usr/bin/env node
import { Command } from 'commander';
import { StackhookError } from '../errors/stackhook-error.js';
import { StreamLog } from '../log/stream-log.js';
import type { CliContext } from './cli-context.js';
import { toolVersion } from '../pipeline/tool-version.js';
import { addCommands } from './add-commands.js';
import { CLI_COMMANDS } from './cli-commands.js';
import { commandsFor, subcommandTerm } from './command-stubs.js';

const abort = new AbortController();
let interrupted = 0;
let firstSignalAt = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // First signal: abort, let every `await using` remove its containers, then exit. Another one a second
    // later: exit now. (Ctrl-C under `npm run` arrives twice at once: from the terminal and relayed by npm/tsx.)
    if (interrupted > 0 && Date.now() - firstSignalAt < 1000) return;
    interrupted++;
    if (interrupted > 1) process.exit(130);
    firstSignalAt = Date.now();
    process.stderr.write(`\n${signal}: stopping, cleaning up (again to force)\n`);
    abort.abort(new StackhookError({ kind: 'stage', description: `interrupted by ${signal}` }));
  });
}

const program = new Command('stackhook')
  .description('build, probe, tag and publish families of container images with podman')
  .option('--verbose', 'debug logs', false)
  .option('--log-timestamps', 'timestamp every log line (default in CI)', Boolean(process.env.CI))
  // Long form only: -V would take AMI's -VERSION=1 (stackhook ami AddSWTag ... -VERSION=1) for itself.
  .version(toolVersion(), '--version', 'print the version')
  .configureHelp({ subcommandTerm })
  .showHelpAfterError();

let context: CliContext | undefined;
const getContext = (): CliContext => {
  if (!context) {
    const options = program.opts<{ verbose: boolean; logTimestamps: boolean }>();
    context = {
      log: new StreamLog({ level: options.verbose ? 'debug' : 'info', timestamps: options.logTimestamps }),
      signal: abort.signal,
      print: (text) => process.stdout.write(`${text}\n`),
    };
  }
  return context;
};

// Only the command being run is loaded: `stackhook --help` and `stackhook plan` need none of serve's modules.
const commands = await commandsFor(CLI_COMMANDS, process.argv.slice(2));
addCommands(program, commands, getContext, (error) => process.exit(error.exitCode === 0 ? 0 : 2));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof StackhookError) {
    process.stderr.write(`${error.render()}\n`);
    process.exitCode = interrupted ? 130 : error.exitCode;
  } else {
    process.stderr.write(`error: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
}
