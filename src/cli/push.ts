import { Command } from 'commander';
import { push } from '../commands/push.js';
import { DEFAULT_VARIANT } from '../hierarchy/hierarchy.js';
import type { CliContext } from './cli-context.js';
import { addPlatformOption, platformOption } from './platform-option.js';
import { addRegistryOptions, registryCredentials, type RegistryOptions } from './registry-options.js';

interface PushCliOptions extends RegistryOptions {
  hierarchy: string;
  out: string;
  platform?: string;
  variant: string;
  json: boolean;
}

export function pushCommand(context: () => CliContext): Command {
  const command = new Command('push')
    .description('push every tag of a built image (from its record) to the registries')
    .argument('<image>', 'image name from the hierarchy')
    .option('--hierarchy <file>', 'hierarchy file', 'hierarchy/stacks.yaml')
    .option('--out <dir>', 'output folder holding the records', '.stackhook/out');
  addPlatformOption(command)
    .option('--variant <name>', 'image variant', DEFAULT_VARIANT)
    .option('--json', 'print the PushedImage record on stdout', false);
  return addRegistryOptions(command, 'push here (repeatable; default: the hierarchy’s registries:)').action(
    async (image: string, options: PushCliOptions) => {
      const { log, signal, print } = context();
      const pushed = await push(
        {
          hierarchy: options.hierarchy,
          image,
          platform: platformOption(options.platform),
          variant: options.variant,
          out: options.out,
          pushTo: options.registry,
          credentials: await registryCredentials(options),
        },
        { log, signal },
      );
      print(
        options.json
          ? JSON.stringify(pushed, null, 2)
          : pushed.references.map((ref) => `${ref.reference}@${ref.digest}`).join('\n'),
      );
    },
  );
}
