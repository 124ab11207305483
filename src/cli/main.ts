#!/usr/bin/env node
import { Command } from 'commander';
import { StackhookError } from '../errors/stackhook-error.js';
import { StreamLog } from '../log/stream-log.js';
import type { CliContext } from './cli-context.js';
import { doctorCommand } from './doctor.js';
import { hookCommand } from './hook.js';
import { publishCommand } from './publish.js';
import { amiCommand } from './ami.js';
import { catalogCommand } from './catalog.js';
import { mergeCommand } from './merge.js';
import { pushCommand } from './push.js';
import { serveCommand } from './serve.js';
import { walkCommand } from './walk.js';

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

program.addCommand(hookCommand(getContext));
program.addCommand(doctorCommand(getContext));
program.addCommand(publishCommand(getContext));
program.addCommand(walkCommand(getContext));
program.addCommand(pushCommand(getContext));
program.addCommand(mergeCommand(getContext));
program.addCommand(serveCommand(getContext));
program.addCommand(amiCommand(getContext));
program.addCommand(catalogCommand(getContext));
// commander's own usage errors (unknown option, missing argument) are bad input. addCommand() does not pass
// the program's settings down, so each command gets the override too.
const usageExit = (error: { exitCode: number }): never => process.exit(error.exitCode === 0 ? 0 : 2);
for (const command of [program, ...program.commands]) command.exitOverride(usageExit);

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
