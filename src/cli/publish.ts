import { Command } from 'commander';
import { inputError } from '../errors/stackhook-error.js';
import { publish } from '../commands/publish.js';
import { wikiToken } from '../wiki/git-auth-env.js';
import { DEFAULT_KEEP } from '../wiki/retention.js';
import type { CliContext } from './cli-context.js';

interface PublishCliOptions {
  wiki: string;
  out: string;
  repository?: string;
  source?: string;
  branch?: string;
  keep: string;
  countImage?: string;
  homeTemplate?: string;
  allowNoFiles: boolean;
  json: boolean;
}

/** Checked here, not by a commander parser: commander's own errors do not reach main's exit code 2. */
function count(value: string, option: string): number {
  if (!/^\d+$/.test(value)) throw inputError(`expected a whole number, got "${value}"`, option);
  return Number(value);
}

export function publishCommand(context: () => CliContext): Command {
  return new Command('publish')
    .description("publish the out folder's build manifests and history lines to a wiki git repository")
    .requiredOption(
      '--wiki <path|url>',
      'wiki git repository (token from STACKHOOK_WIKI_TOKEN or GITHUB_TOKEN)',
    )
    .option('--out <dir>', 'output folder of `stackhook hook`', '.stackhook/out')
    .option(
      '--repository <owner/name>',
      'GitHub repository the images are built from (default: GITHUB_REPOSITORY, else origin)',
    )
    .option(
      '--source <dir>',
      'git repository the images are built from, whose commits Home.md counts (default: .)',
    )
    .option('--branch <name>', "wiki branch (default: the wiki's HEAD, main when empty)")
    .option('--keep <n>', 'newest manifests kept in the wiki', String(DEFAULT_KEEP))
    .option('--count-image <image>', 'image whose builds Home.md counts (default: the most often built)')
    .option('--home-template <file>', 'Home.md template with a <!-- YEAR_MONTHLY_TABLES --> marker')
    .option('--allow-no-files', 'publish even when the out folder has no manifests or history lines', false)
    .option('--json', 'print the Published record as JSON on stdout', false)
    .action(async (options: PublishCliOptions) => {
      const { log, signal, print } = context();
      const published = await publish(
        {
          ...options,
          keep: count(options.keep, '--keep'),
          token: wikiToken(),
        },
        { log, signal },
      );
      if (options.json) print(JSON.stringify(published, null, 2));
      else print(published.commit ?? 'nothing to publish: the wiki already has everything');
    });
}
