import { Command } from 'commander';
import { merge } from '../commands/merge.js';
import { DEFAULT_VARIANT } from '../hierarchy/hierarchy.js';
import type { CliContext } from './cli-context.js';
import { addRegistryOptions, registryCredentials, type RegistryOptions } from './registry-options.js';

interface MergeCliOptions extends RegistryOptions {
  hierarchy: string;
  out: string;
  variant: string;
  allVariants: boolean;
  allowMissing: boolean;
  json: boolean;
}

export function mergeCommand(context: () => CliContext): Command {
  const command = new Command('merge')
    .description("join an image's per-platform tags in the registry into manifest lists (OCI indexes)")
    .argument('<image>', 'image name from the hierarchy')
    .option('--hierarchy <file>', 'hierarchy file', 'hierarchy/stacks.yaml')
    .option('--out <dir>', 'output folder holding every platform’s tags files', '.stackhook/out')
    .option('--variant <name>', 'image variant', DEFAULT_VARIANT)
    .option(
      '--all-variants',
      'also merge every other variant of the image that left tags files in --out (as a fan-out’s last job does)',
      false,
    )
    .option('--allow-missing', 'merge the platforms that are there when one is missing', false)
    .option('--json', 'print the MergedImage records on stdout', false);
  return addRegistryOptions(command, 'merge in this registry (repeatable; default: registries:)').action(
    async (image: string, options: MergeCliOptions) => {
      const { log, signal, print } = context();
      const merged = await merge(
        {
          hierarchy: options.hierarchy,
          image,
          variant: options.variant,
          allVariants: options.allVariants,
          out: options.out,
          pushTo: options.registry,
          allowMissing: options.allowMissing,
          credentials: await registryCredentials(options),
        },
        { log, signal },
      );
      print(
        options.json
          ? JSON.stringify(merged, null, 2)
          : merged.flatMap((one) => one.tags.map((tag) => `${tag.reference}@${tag.digest}`)).join('\n'),
      );
    },
  );
}
