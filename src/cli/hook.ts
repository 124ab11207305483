import { Command, Option } from 'commander';
import { inputError } from '../errors/stackhook-error.js';
import { prepareEnvironment } from '../environment/prepare-environment.js';
import { loadHierarchy } from '../hierarchy/load-hierarchy.js';
import { hostPlatform, PLATFORMS, type Platform } from '../hierarchy/platform.js';
import { builtinProbeCatalog, knownProbes } from '../pipeline/builtin-probes.js';
import { runHook } from '../pipeline/hook.js';
import type { CliContext } from './cli-context.js';

export interface HookOptions {
  hierarchy: string;
  out: string;
  registry?: string;
  owner?: string;
  variant: string;
  platform?: string;
  build: boolean;
  json: boolean;
}

export function hookCommand(context: () => CliContext): Command {
  return new Command('hook')
    .description('build an image (and any missing or stale parent), probe it, tag it and write its manifest')
    .argument('<image>', 'image name from the hierarchy')
    .option('--hierarchy <file>', 'hierarchy file', 'hierarchy/stacks.yaml')
    .option('--out <dir>', 'output folder', '.stackhook/out')
    .option('--registry <host>', "registry in tag names (default: the hierarchy's)")
    .option('--owner <owner>', "owner in tag names (default: the hierarchy's)")
    .option('--variant <name>', 'image variant', 'default')
    .addOption(
      new Option('--platform <platform>', "platform (default: this machine's)").choices(
        Object.keys(PLATFORMS),
      ),
    )
    .option('--no-build', 'use the image already built; fail when it is missing')
    .option('--json', 'print the BuildRecord as JSON on stdout', false)
    .action(async (image: string, options: HookOptions) => {
      const { log, signal, print } = context();
      const catalog = builtinProbeCatalog();
      const loaded = await loadHierarchy(options.hierarchy, knownProbes(catalog));
      const hierarchy = {
        ...loaded,
        registry: options.registry ?? loaded.registry,
        owner: options.owner ?? loaded.owner,
      };
      if (!hierarchy.images.has(image)) {
        throw inputError(
          `unknown image "${image}" (known: ${[...hierarchy.images.keys()].join(', ')})`,
          options.hierarchy,
        );
      }
      const { engine } = await log.step('prepare podman', () => prepareEnvironment({ log, provision: true }));
      const platform = (options.platform as Platform | undefined) ?? hostPlatform();
      const record = await runHook({
        hierarchy,
        engine,
        log,
        catalog,
        image,
        platform,
        variant: options.variant,
        outDir: options.out,
        noBuild: !options.build,
        signal,
      });
      print(options.json ? JSON.stringify(record, null, 2) : record.tags.join('\n'));
    });
}
