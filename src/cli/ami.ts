import { Command } from 'commander';
import { StackhookError, inputError } from '../errors/stackhook-error.js';
import type { CliContext } from './cli-context.js';

/**
 * `stackhook ami <Command> -arg="value" ...` against a running catalog (`--catalog`, default
 * http://127.0.0.1:8080, or STACKHOOK_CATALOG; the API key from STACKHOOK_CATALOG_KEY): the words after `ami` are
 * AMI's syntax, not options, so they are read as they came.
 */
export function amiCommand(context: () => CliContext): Command {
  return new Command('ami')
    .description(
      'run an AMI command against a catalog: stackhook ami GetSWTagInfo -swTag="sw1" [--catalog url] [--converter text]',
    )
    .allowUnknownOption()
    .allowExcessArguments()
    .helpOption(false)
    .argument('[words...]')
    .action(async () => {
      const { print } = context();
      const words = process.argv.slice(process.argv.indexOf('ami') + 1);
      const take = (name: string, fallback: string): string => {
        const at = words.indexOf(name);
        if (at < 0) return fallback;
        const [, value] = words.splice(at, 2);
        if (!value) throw inputError(`${name} needs a value`, name);
        return value;
      };
      const catalog = take('--catalog', process.env.STACKHOOK_CATALOG ?? 'http://127.0.0.1:8080');
      const converter = take('--converter', 'text');
      if (words.length === 0)
        throw inputError('which AMI command? e.g. stackhook ami GetSWTagInfo -swTag="sw1"', 'ami');
      // The shell took the quotes off: put every value back in quotes for AMI's syntax.
      const Command = words
        .map((word) =>
          word.replace(
            /^(-{1,2}[A-Za-z][A-Za-z0-9_]*)=(.*)$/s,
            (_, name: string, value: string) => `${name}="${value.replace(/["\\]/g, '\\$&')}"`,
          ),
        )
        .join(' ');
      const response = await fetch(new URL('/ami/command', catalog), {
        method: 'POST',
        // The key comes from the environment: never on a command line.
        headers: {
          'content-type': 'application/json',
          ...(process.env.STACKHOOK_CATALOG_KEY
            ? { authorization: `Bearer ${process.env.STACKHOOK_CATALOG_KEY}` }
            : {}),
        },
        body: JSON.stringify({ Command, Converter: converter }),
      }).catch((cause: unknown) => {
        throw new StackhookError({
          kind: 'stage',
          description: `no catalog answers at ${catalog}`,
          subject: '--catalog',
          cause,
        });
      });
      const body = await response.text();
      if (!response.ok) {
        const detail = (JSON.parse(body || '{}') as { detail?: string }).detail ?? body;
        throw new StackhookError({
          kind: response.status < 500 ? 'input' : 'stage',
          description: detail,
          subject: words[0],
        });
      }
      print(body.trimEnd());
    });
}
