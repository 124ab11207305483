import { Command } from 'commander';
import { DEFAULT_VARIANT, requireImage } from '../hierarchy/hierarchy.js';
import { loadHierarchy } from '../hierarchy/load-hierarchy.js';
import { builtinProbeCatalog, knownProbes } from '../pipeline/builtin-probes.js';
import { defaultAuthFile } from '../registry/default-auth-file.js';
import { authFileCredentials } from '../registry/auth-file-credentials.js';
import { checkMerge, writeMerge, type CheckedMerge } from '../registry/merge-stage.js';
import type { MergedImage } from '../registry/merged-image.js';
import { RegistryClient } from '../registry/registry-client.js';
import type { CliContext } from './cli-context.js';
import { pushTargets } from './push-targets.js';
import { addRegistryOptions, readRegistryPassword, type RegistryOptions } from './registry-options.js';

interface MergeOptions extends RegistryOptions {
  hierarchy: string;
  out: string;
  variant: string;
  allowMissing: boolean;
  json: boolean;
}

export function mergeCommand(context: () => CliContext): Command {
  const command = new Command('merge')
    .description("join an image's per-platform tags in the registry into manifest lists (OCI indexes)")
    .argument('<image>', 'image name from the hierarchy')
    .option('--hierarchy <file>', 'hierarchy file', 'hierarchy/stacks.yaml')
    .option('--out <dir>', 'output folder holding every platform’s tags files', '.stackhook/out')
    .option('--variant <name>', 'image variant', DEFAULT_VARIANT)
    .option('--allow-missing', 'merge the platforms that are there when one is missing', false)
    .option('--json', 'print the MergedImage records on stdout', false);
  return addRegistryOptions(command, 'merge in this registry (repeatable; default: registries:)').action(
    async (image: string, options: MergeOptions) => {
      const { log, signal, print } = context();
      const hierarchy = await loadHierarchy(options.hierarchy, knownProbes(builtinProbeCatalog()));
      const spec = requireImage(hierarchy, image);
      const targets = pushTargets(hierarchy, options.registry);
      const password = await readRegistryPassword(options);
      if (password !== undefined) log.addSecret(password);
      // The given auth file, else the one podman itself reads (where `podman login` put the credentials).
      const authFile = options.authfile ?? (await defaultAuthFile());
      // Every registry is checked before any is written to.
      const checked: CheckedMerge[] = [];
      for (const target of targets) {
        const credentials =
          password !== undefined
            ? { username: options.username!, password }
            : authFile
              ? await authFileCredentials(authFile, target.host)
              : undefined;
        if (credentials) log.addSecret(credentials.password);
        checked.push(
          await log.step(`check ${image} in ${target.host}/${target.owner}`, () =>
            checkMerge({
              image,
              variant: options.variant,
              platforms: spec.platforms,
              outDir: options.out,
              target,
              client: new RegistryClient(target.host, credentials),
              allowMissing: options.allowMissing,
              log,
              signal,
            }),
          ),
        );
      }
      const merged: MergedImage[] = [];
      for (const one of checked) {
        const where = `${one.request.target.host}/${one.request.target.owner}`;
        merged.push(await log.step(`merge ${image} in ${where}`, () => writeMerge(one)));
      }
      print(
        options.json
          ? JSON.stringify(merged, null, 2)
          : merged.flatMap((one) => one.tags.map((tag) => `${tag.reference}@${tag.digest}`)).join('\n'),
      );
    },
  );
}
