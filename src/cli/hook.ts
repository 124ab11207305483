import { Command } from 'commander';
import { hook } from '../commands/hook.js';
import { PREVIOUS_BUILD_SOURCES } from '../pipeline/previous-build/previous-build-sources.js';
import type { CliContext } from './cli-context.js';
import { addPlatformOption, platformOption } from './platform-option.js';
import { previousFromOption } from './previous-from-option.js';
import { addRegisterOptions, type RegisterOptions } from './register-options.js';

interface HookCliOptions extends RegisterOptions {
  hierarchy: string;
  registry?: string;
  owner?: string;
  platform?: string;
  previousFrom: string;
  authfile?: string;
  out: string;
  variant: string;
  build: boolean;
  test: boolean;
  wikiDir?: string;
  json: boolean;
  push: boolean;
  parentsFrom: string;
}

export function hookCommand(context: () => CliContext): Command {
  const command = new Command('hook')
    .description(
      'build an image (and any missing or stale parent), test it, probe it, tag it and write its manifest',
    )
    .argument('<image>', 'image name from the hierarchy')
    .option('--hierarchy <file>', 'hierarchy file', 'hierarchy/stacks.yaml')
    .option('--out <dir>', 'output folder', '.stackhook/out')
    .option('--registry <host>', "registry in tag names (default: the hierarchy's)")
    .option('--owner <owner>', "owner in tag names (default: the hierarchy's)")
    .option('--variant <name>', 'image variant (tag prefix <platform>-<variant>)', 'default');
  addPlatformOption(command)
    .option('--no-build', 'use the image already built; fail when it is missing')
    .option('--no-test', "skip the image's tests (stacks.yaml tests:, inherited)")
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
  return addRegisterOptions(command).action(async (image: string, options: HookCliOptions) => {
    const { log, signal, print } = context();
    const result = await hook(
      {
        hierarchy: options.hierarchy,
        registry: options.registry,
        owner: options.owner,
        image,
        platform: platformOption(options.platform),
        variant: options.variant,
        out: options.out,
        build: options.build,
        test: options.test,
        previousFrom: previousFromOption(options.previousFrom),
        wikiDir: options.wikiDir,
        parentsFrom: options.parentsFrom,
        push: options.push,
        register: options.register ? { catalog: options.catalog } : undefined,
        credentials: { authFile: options.authfile },
      },
      { log, signal },
    );
    const { record, pushed, registered } = result;
    if (options.json) print(JSON.stringify({ ...record, pushed, registered }, null, 2));
    else if (registered)
      print(
        [...record.tags, ...registered.publications.map((publication) => publication.reference)].join('\n'),
      );
    else if (pushed)
      print(pushed.references.map((reference) => `${reference.reference}@${reference.digest}`).join('\n'));
    else print(record.tags.join('\n'));
  });
}
