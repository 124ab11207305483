import { Command } from 'commander';
import { amiAnswerErrors } from '../catalog/ami/ami-answer-errors.js';
import { StackhookError, inputError } from '../errors/stackhook-error.js';
import { AMI_USAGE, readAmiCommandLine } from './ami-command-line.js';
import { amiEndpoint } from './ami-endpoint.js';
import type { CliContext } from './cli-context.js';

export const AMI_DESCRIPTION =
  'run an AMI command against a catalog, as pyAMI\'s `ami` does: stackhook ami [-e url] [-f format] cmd GetSWTagInfo -swTag="sw1"';

/**
 * `stackhook ami ...` against a running catalog: pyAMI's command line (`-e`, `-f`, `cmd`) or this CLI's own
 * (`--catalog`, `--converter`); the words after `ami` are AMI's syntax, not options, so they are read as they
 * came. The answer is printed as it comes; an answer with errors exits 2 (the catalog refused) or 1.
 */
export function amiCommand(context: () => CliContext): Command {
  return new Command('ami')
    .description(AMI_DESCRIPTION)
    .allowUnknownOption()
    .allowExcessArguments()
    .helpOption(false)
    .argument('[words...]')
    .action(async () => {
      const { print } = context();
      const line = readAmiCommandLine(process.argv.slice(process.argv.indexOf('ami') + 1), process.env);
      if (line.help) return print(AMI_USAGE);
      if (!line.command)
        throw inputError('which AMI command? e.g. stackhook ami cmd GetSWTagInfo -swTag="sw1"', 'ami');
      const response = await fetch(amiEndpoint(line.catalog), {
        method: 'POST',
        // A bearer key comes from the environment (pyAMI's -AMIPass in the command works too, but shows in ps).
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(process.env.STACKHOOK_CATALOG_KEY
            ? { authorization: `Bearer ${process.env.STACKHOOK_CATALOG_KEY}` }
            : {}),
        },
        body: new URLSearchParams({ Command: line.command, Converter: line.converter }).toString(),
      }).catch((cause: unknown) => {
        throw new StackhookError({
          kind: 'stage',
          description: `no catalog answers at ${line.catalog}`,
          subject: '--catalog',
          cause,
        });
      });
      const body = await response.text();
      const errors = amiAnswerErrors(body, line.converter);
      if (!response.ok || errors.length > 0) {
        throw new StackhookError({
          kind: response.status < 500 ? 'input' : 'stage',
          description: errors.join('\n') || `the catalog answered ${response.status}`,
          subject: line.command.split(' ')[0],
        });
      }
      print(body.trimEnd());
    });
}
