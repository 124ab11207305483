import { Command } from 'commander';
import { register } from '../commands/register.js';
import { DEFAULT_VARIANT } from '../hierarchy/hierarchy.js';
import type { CliContext } from './cli-context.js';
import { addPlatformOption, platformOption } from './platform-option.js';

interface RegisterCliOptions {
  hierarchy: string;
  out: string;
  platform?: string;
  variant: string;
  catalog?: string;
  authfile?: string;
  json: boolean;
}

export function registerCommand(context: () => CliContext): Command {
  const command = new Command('register')
    .description(
      'register a pushed image in the SW-Tag catalog, from the records hook/walk/push left in --out',
    )
    .argument('<image...>', 'image names from the hierarchy')
    .option('--hierarchy <file>', 'hierarchy file', 'hierarchy/stacks.yaml')
    .option('--out <dir>', 'output folder holding the records and push records', '.stackhook/out');
  return addPlatformOption(command)
    .option('--variant <name>', 'image variant', DEFAULT_VARIANT)
    .option('--authfile <file>', 'podman/docker auth.json for the registries')
    .option('--json', 'print the RegisteredImage records on stdout', false)
    .option(
      '--catalog <url|file>',
      'a catalog service (key in STACKHOOK_CATALOG_KEY) or database (default: STACKHOOK_CATALOG, the hierarchy’s catalog:, .stackhook/service.sqlite)',
    )
    .action(async (images: string[], options: RegisterCliOptions) => {
      const { log, signal, print } = context();
      const registered = await register(
        {
          hierarchy: options.hierarchy,
          images,
          platform: platformOption(options.platform),
          variant: options.variant,
          out: options.out,
          catalog: options.catalog,
          credentials: { authFile: options.authfile },
        },
        { log, signal },
      );
      print(
        options.json
          ? JSON.stringify(registered, null, 2)
          : registered
              .flatMap((one) => one.publications.map((publication) => publication.reference))
              .join('\n'),
      );
    });
}
