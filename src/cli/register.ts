import path from 'node:path';
import { Command } from 'commander';
import { inputError } from '../errors/stackhook-error.js';
import { DEFAULT_VARIANT, requireImage } from '../hierarchy/hierarchy.js';
import { hostPlatform, parsePlatform } from '../hierarchy/platform.js';
import { readJsonFile } from '../fs/read-json-file.js';
import type { BuildRecord } from '../pipeline/build-record.js';
import { pushedPath, recordPath } from '../pipeline/hook-outputs.js';
import { filePrefix } from '../pipeline/image-naming.js';
import type { PushedImage } from '../registry/pushed-image.js';
import { pushTargetsOf } from '../registry/push-targets-of.js';
import type { CliContext } from './cli-context.js';
import { addRegisterOptions, openRegistration, type RegisterOptions } from './register-options.js';
import { loadStack } from './stack-options.js';

interface RegisterCommandOptions extends RegisterOptions {
  hierarchy: string;
  out: string;
  platform?: string;
  variant: string;
  authfile?: string;
  json: boolean;
}

export function registerCommand(context: () => CliContext): Command {
  const command = new Command('register')
    .description(
      'register a pushed image in the SW-Tag catalog, from the records hook/walk/push left in --out',
    )
    .argument('<image...>', 'image names from the hierarchy')
    .option('--hierarchy <file>', 'hierarchy file', 'hierarchy/stacks.yaml')
    .option('--out <dir>', 'output folder holding the records and push records', '.stackhook/out')
    .option('--platform <platform>', "x86_64 | aarch64 | arm64 (default: this machine's)")
    .option('--variant <name>', 'image variant', DEFAULT_VARIANT)
    .option('--authfile <file>', 'podman/docker auth.json for the registries')
    .option('--json', 'print the RegisteredImage records on stdout', false);
  return addRegisterOptions(command).action(async (images: string[], options: RegisterCommandOptions) => {
    const { log, signal, print } = context();
    const platform = options.platform === undefined ? hostPlatform() : parsePlatform(options.platform);
    if (!platform)
      throw inputError(`unknown platform "${options.platform}" (x86_64, aarch64, arm64)`, '--platform');
    const { hierarchy } = await loadStack({ hierarchy: options.hierarchy, previousFrom: 'out' });
    for (const image of images) requireImage(hierarchy, image);
    const out = path.resolve(options.out);
    const prefix = filePrefix(platform, options.variant);
    // Every input is read before the catalog is touched: a missing record registers nothing.
    const inputs = await Promise.all(
      images.map(async (image) => ({
        record: await readJsonFile<BuildRecord>(recordPath(out, prefix, image), `the record of ${image}`),
        pushed: await readJsonFile<PushedImage>(
          pushedPath(out, prefix, image),
          `the push record of ${image}`,
        ),
      })),
    );
    await using registration = await openRegistration(hierarchy, images, {
      catalog: options.catalog,
      authFile: options.authfile,
      log,
      signal,
    });
    const registered = [];
    for (const { record, pushed } of inputs) {
      // Registered where it was pushed: the push record says which registries and owners.
      const targets = pushTargetsOf(pushed);
      registered.push(
        await log.step(`register ${record.image}`, () =>
          registration.register({ log, record, pushed, targets, signal }),
        ),
      );
    }
    print(
      options.json
        ? JSON.stringify(registered, null, 2)
        : registered
            .flatMap((one) => one.publications.map((publication) => publication.reference))
            .join('\n'),
    );
  });
}
