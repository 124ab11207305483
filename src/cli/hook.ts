import { Command } from 'commander';
import { prepareEnvironment } from '../environment/prepare-environment.js';
import { requireImage } from '../hierarchy/hierarchy.js';
import { PLATFORMS } from '../hierarchy/platform.js';
import { PREVIOUS_BUILD_SOURCES } from '../pipeline/changes-stage.js';
import { runHook } from '../pipeline/hook.js';
import type { CliContext } from './cli-context.js';
import { loadStack, type StackOptions } from './stack-options.js';

export interface HookOptions extends StackOptions {
  out: string;
  variant: string;
  build: boolean;
  wikiDir?: string;
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
    .option('--variant <name>', 'image variant (tag prefix <platform>-<variant>)', 'default')
    .option(
      '--platform <platform>',
      `${Object.keys(PLATFORMS).join(' | ')} | arm64 (default: this machine's)`,
    )
    .option('--no-build', 'use the image already built; fail when it is missing')
    .option(
      '--previous-from <sources>',
      `where to find the previous build to compare packages with, in order (${PREVIOUS_BUILD_SOURCES.join(',')})`,
      PREVIOUS_BUILD_SOURCES.join(','),
    )
    .option('--wiki-dir <dir>', 'a checked-out wiki to look for the previous build in')
    .option('--json', 'print the BuildRecord as JSON on stdout', false)
    .action(async (image: string, options: HookOptions) => {
      const { log, signal, print } = context();
      const { hierarchy, catalog, platform, previousFrom } = await loadStack(options);
      requireImage(hierarchy, image);
      const { engine } = await log.step('prepare podman', () => prepareEnvironment({ log, provision: true }));
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
        previousFrom,
        wikiDir: options.wikiDir,
        signal,
      });
      print(options.json ? JSON.stringify(record, null, 2) : record.tags.join('\n'));
    });
}
