import { Command } from 'commander';
import { inputError } from '../errors/stackhook-error.js';
import { loadHierarchy } from '../hierarchy/load-hierarchy.js';
import { parsePlatform, type Platform } from '../hierarchy/platform.js';
import { builtinProbeCatalog, knownProbes } from '../pipeline/builtin-probes.js';
import { buildPlan } from '../plan/build-plan.js';
import type { CliContext } from './cli-context.js';
import { collect } from './collect.js';

interface PlanOptions {
  hierarchy: string;
  platform: string[];
  json: boolean;
}

export function planCommand(context: () => CliContext): Command {
  return new Command('plan')
    .description('the build order by level and a GitHub Actions matrix per level (for fanning a stack out)')
    .argument('[image...]', 'roots of the subtrees to plan (default: every image)')
    .option('--hierarchy <file>', 'hierarchy file', 'hierarchy/stacks.yaml')
    .option(
      '--platform <platform>',
      'only this platform (repeatable; default: each image’s platforms:)',
      collect,
      [],
    )
    .option('--json', 'print the plan as JSON (levels, builds, matrix, depth)', false)
    .action(async (images: string[], options: PlanOptions) => {
      const { print } = context();
      const platforms = options.platform.map((text): Platform => {
        const platform = parsePlatform(text);
        if (!platform) throw inputError(`unknown platform "${text}" (x86_64, aarch64, arm64)`, '--platform');
        return platform;
      });
      const hierarchy = await loadHierarchy(options.hierarchy, knownProbes(builtinProbeCatalog()));
      const plan = buildPlan(hierarchy, { images, platforms: platforms.length > 0 ? platforms : undefined });
      print(
        options.json
          ? JSON.stringify(plan, null, 2)
          : plan.levels
              .map((level, index) => {
                const builds = plan.matrix[String(index)]!.include;
                return `level ${index}: ${builds.map((build) => `${build.image} (${build.platform})`).join(', ')}`;
              })
              .join('\n'),
      );
    });
}
