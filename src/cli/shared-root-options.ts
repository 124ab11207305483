import type { Command } from 'commander';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import { BuildEnvironments } from '../buildapi/environment/build-environments.js';
import { readBuildEnvironments } from '../buildapi/environment/read-build-environments.js';
import { SharedComponents } from '../buildapi/shared/shared-components.js';
import { SharedRoot } from '../buildapi/shared/shared-root.js';
import { DEFAULT_TARBALL_LIMITS } from '../buildapi/shared/unpack-component-tarball.js';
import { inputError } from '../errors/stackhook-error.js';
import { hostPlatform } from '../hierarchy/platform.js';
import type { ServiceAppOptions } from '../server/build-service-app.js';

export interface SharedRootOptions {
  buildEnvs?: string;
  sharedRoot?: string;
  sharedTarballs?: string[];
}

/** The largest tarball PUT /component takes from the shared root (compressed). */
const MAX_TARBALL_BYTES = 2 * 1024 ** 3;

/** serve's options for build scripts that share a volume with the service (ad-build's) and name OS environments. */
export function addSharedRootOptions(command: Command): Command {
  return command
    .option(
      '--build-envs <file>',
      'OS build environments (YAML: name: {image, platform, aliases}): what the build API’s architecture/arch may name besides x86_64 and aarch64; their images are allowed FROMs',
    )
    .option(
      '--shared-root <dir>',
      'the volume build scripts share with the service: PUT /build/component stores tarballs from it, POST /build/image reads dockerfiles/<name> from it, and Dockerfiles ADD <dir>/<component>/<tag> to get a stored component',
    )
    .option(
      '--shared-tarballs <dir>',
      'another folder of that volume PUT /build/component takes tarballs from (ad-build’s scratch, beside its registry folder); repeatable',
      (value: string, previous: string[] = []) => [...previous, value],
    );
}

/** The environments (the platforms alone without --build-envs) and the shared root, if given. */
export async function sharedRootServices(
  options: SharedRootOptions,
  artifacts: ArtifactStore,
): Promise<Required<Pick<ServiceAppOptions, 'environments'>> & Pick<ServiceAppOptions, 'shared'>> {
  const environments = new BuildEnvironments(
    options.buildEnvs ? await readBuildEnvironments(options.buildEnvs, hostPlatform()) : [],
  );
  if (!options.sharedRoot) {
    if (options.sharedTarballs?.length)
      throw inputError('--shared-tarballs goes with --shared-root', '--shared-tarballs');
    return { environments };
  }
  const root = await SharedRoot.open(options.sharedRoot);
  const tarballRoots = await Promise.all(
    (options.sharedTarballs ?? []).map((dir) => SharedRoot.open(dir, '--shared-tarballs')),
  );
  const components = new SharedComponents({
    root,
    tarballRoots,
    store: artifacts,
    maxTarballBytes: MAX_TARBALL_BYTES,
    limits: DEFAULT_TARBALL_LIMITS,
  });
  return { environments, shared: { root, components } };
}
