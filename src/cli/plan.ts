import { Command } from 'commander';
import { plan } from '../commands/plan.js';
import type { CliContext } from './cli-context.js';
import { addPlatformOption, platformOption } from './platform-option.js';
import { addVariantOptions, variantChoice, type VariantCliOptions } from './variant-options.js';

interface PlanCliOptions extends VariantCliOptions {
  hierarchy: string;
  platform: string[];
  json: boolean;
}

export function planCommand(context: () => CliContext): Command {
  const command = new Command('plan')
    .description('the build order by level and a GitHub Actions matrix per level (for fanning a stack out)')
    .argument('[image...]', 'roots of the subtrees to plan (default: every image)')
    .option('--hierarchy <file>', 'hierarchy file', 'hierarchy/stacks.yaml');
  return addVariantOptions(addPlatformOption(command, true))
    .option('--json', 'print the plan as JSON (levels, builds, matrix, depth)', false)
    .action(async (images: string[], options: PlanCliOptions) => {
      const { print } = context();
      const built = await plan({
        hierarchy: options.hierarchy,
        images,
        platforms: options.platform.map(platformOption),
        variants: variantChoice(options),
      });
      print(
        options.json
          ? JSON.stringify(built, null, 2)
          : built.levels
              .map((level, index) => {
                const builds = built.matrix[String(index)]!.include;
                return `level ${index}: ${builds.map((build) => `${build.image} (${[build.platform, build.variant].filter(Boolean).join(', ')})`).join(', ')}`;
              })
              .join('\n'),
      );
    });
}
