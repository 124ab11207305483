import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { inputError } from '../errors/stackhook-error.js';
import { prepareEnvironment } from '../environment/prepare-environment.js';
import { DEFAULT_VARIANT, requireImage } from '../hierarchy/hierarchy.js';
import { loadHierarchy } from '../hierarchy/load-hierarchy.js';
import { hostPlatform, parsePlatform } from '../hierarchy/platform.js';
import type { BuildRecord } from '../pipeline/build-record.js';
import { builtinProbeCatalog, knownProbes } from '../pipeline/builtin-probes.js';
import { recordPath } from '../pipeline/hook-outputs.js';
import { filePrefix } from '../pipeline/image-naming.js';
import { pushStage } from '../registry/push-stage.js';
import { writePushedRecord } from '../pipeline/write-pushed-record.js';
import type { CliContext } from './cli-context.js';
import { addRegistryOptions, openRegistryCredentials, type RegistryOptions } from './registry-options.js';
import { pushTargets } from './push-targets.js';

interface PushOptions extends RegistryOptions {
  hierarchy: string;
  out: string;
  platform?: string;
  variant: string;
  json: boolean;
}

export function pushCommand(context: () => CliContext): Command {
  const command = new Command('push')
    .description('push every tag of a built image (from its record) to the registries')
    .argument('<image>', 'image name from the hierarchy')
    .option('--hierarchy <file>', 'hierarchy file', 'hierarchy/stacks.yaml')
    .option('--out <dir>', 'output folder holding the records', '.stackhook/out')
    .option('--platform <platform>', "x86_64 | aarch64 | arm64 (default: this machine's)")
    .option('--variant <name>', 'image variant', DEFAULT_VARIANT)
    .option('--json', 'print the PushedImage record on stdout', false);
  return addRegistryOptions(command, 'push here (repeatable; default: the hierarchy’s registries:)').action(
    async (image: string, options: PushOptions) => {
      const { log, signal, print } = context();
      const platform = options.platform === undefined ? hostPlatform() : parsePlatform(options.platform);
      if (!platform)
        throw inputError(`unknown platform "${options.platform}" (x86_64, aarch64, arm64)`, '--platform');
      const hierarchy = await loadHierarchy(options.hierarchy, knownProbes(builtinProbeCatalog()));
      requireImage(hierarchy, image);
      const targets = pushTargets(hierarchy, options.registry);
      const recordFile = recordPath(path.resolve(options.out), filePrefix(platform, options.variant), image);
      const text = await readFile(recordFile, 'utf8').catch(() => {
        throw inputError(`no record: run \`stackhook hook ${image}\` (or walk) first`, recordFile);
      });
      let record: BuildRecord;
      try {
        record = JSON.parse(text) as BuildRecord;
      } catch (error) {
        throw inputError(`not a BuildRecord: ${(error as Error).message}`, recordFile);
      }
      const { engine } = await log.step('prepare podman', () => prepareEnvironment({ log, provision: true }));
      await using credentials = await openRegistryCredentials(options, { engine, log, targets, signal });
      const pushed = await log.step(`push ${image} to ${targets.map((t) => t.host).join(', ')}`, () =>
        pushStage({ engine, log, record, targets, authFile: credentials.authFile, signal }),
      );
      await writePushedRecord(options.out, pushed);
      print(
        options.json
          ? JSON.stringify(pushed, null, 2)
          : pushed.references.map((ref) => `${ref.reference}@${ref.digest}`).join('\n'),
      );
    },
  );
}
