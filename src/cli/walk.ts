import os from 'node:os';
import { Command } from 'commander';
import { inputError } from '../errors/stackhook-error.js';
import { prepareEnvironment } from '../environment/prepare-environment.js';
import { PREVIOUS_BUILD_SOURCES } from '../pipeline/changes-stage.js';
import { runWalk } from '../walk/run-walk.js';
import { walkSummary } from '../walk/walk-summary.js';
import type { CliContext } from './cli-context.js';
import { loadStack, type StackOptions } from './stack-options.js';

interface WalkOptions extends StackOptions {
  out: string;
  jobs: string;
  wikiDir?: string;
  json: boolean;
}

export function walkCommand(context: () => CliContext): Command {
  return new Command('walk')
    .description(
      'build, probe and tag the whole hierarchy (or the named subtrees), parents first, in parallel',
    )
    .argument('[image...]', 'roots of the subtrees to walk (default: every image)')
    .option('--hierarchy <file>', 'hierarchy file', 'hierarchy/stacks.yaml')
    .option('--out <dir>', 'output folder', '.stackhook/out')
    .option('--registry <host>', "registry in tag names (default: the hierarchy's)")
    .option('--owner <owner>', "owner in tag names (default: the hierarchy's)")
    .option('--platform <platform>', "x86_64 | aarch64 | arm64 (default: this machine's)")
    .option('--jobs <n>', 'images built at once', String(os.availableParallelism()))
    .option(
      '--previous-from <sources>',
      'where to find previous builds (out,wiki,registry)',
      PREVIOUS_BUILD_SOURCES.join(','),
    )
    .option('--wiki-dir <dir>', 'a checked-out wiki to look for previous builds in')
    .option('--json', 'print every BuildRecord as a JSON array on stdout', false)
    .action(async (images: string[], options: WalkOptions) => {
      const { log, signal, print } = context();
      const jobs = Number(options.jobs);
      if (!Number.isInteger(jobs) || jobs < 1)
        throw inputError(`not a number of jobs: "${options.jobs}"`, '--jobs');
      const { hierarchy, catalog, platform, previousFrom } = await loadStack(options);
      const { engine } = await log.step('prepare podman', () => prepareEnvironment({ log, provision: true }));
      const result = await runWalk({
        hierarchy,
        engine,
        log,
        catalog,
        images,
        platform,
        outDir: options.out,
        jobs,
        previousFrom,
        wikiDir: options.wikiDir,
        signal,
      });
      log.info(walkSummary(result));
      const records = result.images.flatMap((image) => (image.record ? [image.record] : []));
      print(
        options.json ? JSON.stringify(records, null, 2) : records.map((record) => record.tags[0]).join('\n'),
      );
      if (result.images.some((image) => image.status === 'failed')) process.exitCode = 1;
      else if (signal.aborted) process.exitCode = 130;
    });
}
