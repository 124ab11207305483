import os from 'node:os';
import { Command } from 'commander';
import { inputError } from '../errors/stackhook-error.js';
import { requireImage } from '../hierarchy/hierarchy.js';
import { prepareEnvironment } from '../environment/prepare-environment.js';
import { PREVIOUS_BUILD_SOURCES } from '../pipeline/changes-stage.js';
import { runWalk } from '../walk/run-walk.js';
import { LiveProgress } from '../walk/live-progress.js';
import { walkSummary } from '../walk/walk-summary.js';
import type { CliContext } from './cli-context.js';
import { addRegistryOptions, openRegistryCredentials, type RegistryOptions } from './registry-options.js';
import { pushTargets } from './push-targets.js';
import { addRegisterOptions, openRegistration, type RegisterOptions } from './register-options.js';
import { loadStack, type StackOptions } from './stack-options.js';

interface WalkOptions extends Omit<StackOptions, 'registry' | 'owner'>, RegistryOptions, RegisterOptions {
  out: string;
  jobs: string;
  wikiDir?: string;
  push: boolean;
  progress: boolean;
  json: boolean;
}

export function walkCommand(context: () => CliContext): Command {
  const command = new Command('walk')
    .description(
      'build, probe and tag the whole hierarchy (or the named subtrees), parents first, in parallel',
    )
    .argument('[image...]', 'roots of the subtrees to walk (default: every image)')
    .option('--hierarchy <file>', 'hierarchy file', 'hierarchy/stacks.yaml')
    .option('--out <dir>', 'output folder', '.stackhook/out')
    .option('--platform <platform>', "x86_64 | aarch64 | arm64 (default: this machine's)")
    .option('--jobs <n>', 'images built at once', String(os.availableParallelism()))
    .option(
      '--previous-from <sources>',
      'where to find previous builds (out,wiki,registry)',
      PREVIOUS_BUILD_SOURCES.join(','),
    )
    .option('--wiki-dir <dir>', 'a checked-out wiki to look for previous builds in')
    .option('--push', 'push each image as soon as it is tagged', false)
    .option('--no-progress', 'plain log lines even in a terminal')
    .option('--json', 'print every BuildRecord as a JSON array on stdout', false);
  addRegisterOptions(command);
  return addRegistryOptions(command, 'with --push: push here (repeatable; default: registries:)').action(
    async (images: string[], options: WalkOptions) => {
      const { signal, print } = context();
      // A live board in a terminal; plain (timestamped in CI) lines anywhere else.
      const live =
        options.progress && process.stderr.isTTY && !process.env.CI ? new LiveProgress() : undefined;
      const log = live ?? context().log;
      const jobs = Number(options.jobs);
      if (!Number.isInteger(jobs) || jobs < 1)
        throw inputError(`not a number of jobs: "${options.jobs}"`, '--jobs');
      // --registry here names push destinations; tags keep the hierarchy's registry and owner.
      const stack = await loadStack({ ...options, registry: undefined, owner: undefined });
      const { hierarchy, catalog, platform, previousFrom } = stack;
      const push = options.push || options.register; // a registered image is a published one
      const targets = push ? pushTargets(hierarchy, options.registry) : [];
      const { engine } = await log.step('prepare podman', () => prepareEnvironment({ log, provision: true }));
      await using credentials = await openRegistryCredentials(options, { engine, log, targets, signal });
      for (const image of images) requireImage(hierarchy, image);
      const walked = [
        ...new Set(
          images.length > 0
            ? images.flatMap((image) => hierarchy.graph.subtree(image))
            : hierarchy.graph.names,
        ),
      ];
      await using registration = options.register
        ? await openRegistration(hierarchy, walked, {
            catalog: options.catalog,
            authFile: credentials.authFile,
            log,
            signal,
          })
        : undefined;
      const result = await runWalk({
        onEvent: live && ((event) => live.update(event)),
        push: push ? { targets, authFile: credentials.authFile } : undefined,
        register:
          registration &&
          ((record, pushed) =>
            registration.register({
              log,
              record,
              pushed,
              targets,
              signal,
            })),
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
      live?.[Symbol.dispose](); // the board stops where it is; the summary goes below it
      context().log.info(walkSummary(result));
      const records = result.images.flatMap((image) =>
        image.record
          ? [push ? { ...image.record, pushed: image.pushed, registered: image.registered } : image.record]
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
