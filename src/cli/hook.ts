import { Command } from 'commander';
import { prepareEnvironment } from '../environment/prepare-environment.js';
import { requireImage } from '../hierarchy/hierarchy.js';
import { PLATFORMS } from '../hierarchy/platform.js';
import { PREVIOUS_BUILD_SOURCES } from '../pipeline/changes-stage.js';
import { runHook } from '../pipeline/hook.js';
import { writePushedRecord } from '../pipeline/write-pushed-record.js';
import { inputError } from '../errors/stackhook-error.js';
import { pushStage } from '../registry/push-stage.js';
import { RegistryCredentials } from '../registry/registry-credentials.js';
import type { CliContext } from './cli-context.js';
import { pushTargets } from './push-targets.js';
import { addRegisterOptions, openRegistration, type RegisterOptions } from './register-options.js';
import { loadStack, type StackOptions } from './stack-options.js';

export interface HookOptions extends StackOptions, RegisterOptions {
  authfile?: string;
  out: string;
  variant: string;
  build: boolean;
  wikiDir?: string;
  json: boolean;
  push: boolean;
  parentsFrom: string;
}

export function hookCommand(context: () => CliContext): Command {
  const command = new Command('hook')
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
    .option(
      '--push',
      "push its tags to the hierarchy's registries (and leave the push record in <out>/pushed/)",
      false,
    )
    .option(
      '--parents-from <where>',
      'build: build stale ancestors here; registry: pull the parent an earlier job pushed (its records in --out)',
      'build',
    )
    .option(
      '--authfile <file>',
      'podman/docker auth.json for the registries (--push, --register, --parents-from registry)',
    );
  return addRegisterOptions(command).action(async (image: string, options: HookOptions) => {
    const { log, signal, print } = context();
    const { hierarchy, catalog, platform, previousFrom } = await loadStack(options);
    requireImage(hierarchy, image);
    if (options.parentsFrom !== 'build' && options.parentsFrom !== 'registry')
      throw inputError(`"${options.parentsFrom}" is not build or registry`, '--parents-from');
    // Checked before the build: a mapping that can't be registered or a key that can't write fails first.
    await using registration = options.register
      ? await openRegistration(hierarchy, [image], {
          catalog: options.catalog,
          authFile: options.authfile,
          log,
          signal,
        })
      : undefined;
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
      parentFrom: options.parentsFrom,
      authFile: options.authfile,
      signal,
    });
    if (!registration && !options.push) {
      print(options.json ? JSON.stringify(record, null, 2) : record.tags.join('\n'));
      return;
    }
    const targets = pushTargets(hierarchy, []);
    await using credentials = await RegistryCredentials.open({
      engine,
      log,
      targets,
      authFile: options.authfile,
      signal,
    });
    const pushed = await log.step(`push ${image} to ${targets.map((target) => target.host).join(', ')}`, () =>
      pushStage({ engine, log, record, targets, authFile: credentials.authFile, signal }),
    );
    await writePushedRecord(options.out, pushed);
    if (!registration) {
      print(
        options.json
          ? JSON.stringify({ ...record, pushed }, null, 2)
          : pushed.references.map((reference) => `${reference.reference}@${reference.digest}`).join('\n'),
      );
      return;
    }
    const registered = await log.step(`register ${image}`, () =>
      registration.register({
        log,
        record,
        pushed,
        targets,
        signal,
      }),
    );
    print(
      options.json
        ? JSON.stringify({ ...record, pushed, registered }, null, 2)
        : [...record.tags, ...registered.publications.map((publication) => publication.reference)].join('\n'),
    );
  });
}
