import os from 'node:os';
import { Command } from 'commander';
import { walk } from '../commands/walk.js';
import { inputError } from '../errors/stackhook-error.js';
import { PREVIOUS_BUILD_SOURCES } from '../pipeline/previous-build/previous-build-sources.js';
import { LiveProgress } from '../walk/live-progress.js';
import { walkSummary } from '../walk/walk-summary.js';
import type { CliContext } from './cli-context.js';
import { addPlatformOption, platformOption } from './platform-option.js';
import { previousFromOption } from './previous-from-option.js';
import { addRegisterOptions, type RegisterOptions } from './register-options.js';
import { addRegistryOptions, registryCredentials, type RegistryOptions } from './registry-options.js';
import { addVariantOptions, variantChoice, type VariantCliOptions } from './variant-options.js';

interface WalkCliOptions extends RegistryOptions, RegisterOptions, VariantCliOptions {
  hierarchy: string;
  platform?: string;
  previousFrom: string;
  out: string;
  jobs: string;
  wikiDir?: string;
  push: boolean;
  test: boolean;
  progress: boolean;
  json: boolean;
}

export function walkCommand(context: () => CliContext): Command {
  const command = new Command('walk')
    .description(
      'build, test, probe and tag the whole hierarchy (or the named subtrees), parents first, in parallel',
    )
    .argument('[image...]', 'roots of the subtrees to walk (default: every image)')
    .option('--hierarchy <file>', 'hierarchy file', 'hierarchy/stacks.yaml')
    .option('--out <dir>', 'output folder', '.stackhook/out');
  addVariantOptions(addPlatformOption(command))
    .option('--jobs <n>', 'images built at once', String(os.availableParallelism()))
    .option(
      '--previous-from <sources>',
      `where to find previous builds, in order (${PREVIOUS_BUILD_SOURCES.join(',')})`,
      PREVIOUS_BUILD_SOURCES.join(','),
    )
    .option('--wiki-dir <dir>', 'a checked-out wiki to look for previous builds in')
    .option('--push', 'push each image as soon as it is tagged', false)
    .option('--no-test', "skip the images' tests (stacks.yaml tests:, inherited)")
    .option('--no-progress', 'plain log lines even in a terminal')
    .option('--json', 'print every BuildRecord as a JSON array on stdout', false);
  addRegisterOptions(command);
  return addRegistryOptions(command, 'with --push: push here (repeatable; default: registries:)').action(
    async (images: string[], options: WalkCliOptions) => {
      const { signal, print } = context();
      // A live board in a terminal; plain (timestamped in CI) lines anywhere else.
      const live =
        options.progress && process.stderr.isTTY && !process.env.CI ? new LiveProgress() : undefined;
      const log = live ?? context().log;
      const result = await walk(
        {
          hierarchy: options.hierarchy,
          images,
          platform: platformOption(options.platform),
          variants: variantChoice(options),
          out: options.out,
          jobs: jobsOption(options.jobs),
          previousFrom: previousFromOption(options.previousFrom),
          wikiDir: options.wikiDir,
          test: options.test,
          push: options.push,
          pushTo: options.registry,
          register: options.register ? { catalog: options.catalog } : undefined,
          credentials: await registryCredentials(options),
          onEvent: live && ((event) => live.update(event)),
        },
        { log, signal },
      ).finally(() => live?.[Symbol.dispose]()); // the board stops where it is; the summary goes below it
      context().log.info(walkSummary(result));
      const pushing = options.push || options.register;
      const records = result.images.flatMap((image) =>
        image.record
          ? [pushing ? { ...image.record, pushed: image.pushed, registered: image.registered } : image.record]
          : [],
      );
      print(
        options.json
          ? JSON.stringify(records, null, 2)
          : result.images
              .flatMap((image) =>
                image.record
                  ? [image.record.tags[0], ...(image.registered?.publications.map((p) => p.reference) ?? [])]
                  : [],
              )
              .join('\n'),
      );
      // Interrupted first: builds cut short by Ctrl-C count as failed, but the cause was the interruption.
      if (signal.aborted) process.exitCode = 130;
      else if (result.images.some((image) => image.status === 'failed')) process.exitCode = 1;
    },
  );
}

/** `--jobs`: a whole number of images at once, at least 1 (exit 2 naming the option). */
function jobsOption(text: string): number {
  const jobs = Number(text);
  if (!/^\d+$/.test(text) || jobs < 1) throw inputError(`not a number of jobs: "${text}"`, '--jobs');
  return jobs;
}
