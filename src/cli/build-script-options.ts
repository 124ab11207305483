import type { Command } from 'commander';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import { ComponentBuilds } from '../buildapi/component/component-builds.js';
import type { BuildEnvironments } from '../buildapi/environment/build-environments.js';
import { ImageBuilder } from '../buildapi/image-builder.js';
import { ImageAllowList } from '../containerfile/image-allow-list.js';
import type { Engine } from '../engine/engine.js';
import { inputError } from '../errors/stackhook-error.js';
import type { Log } from '../log/log.js';
import { AuthFile } from '../registry/auth-file.js';
import { parseRegistryTarget } from '../registry/registry-target.js';
import type { ServiceAppOptions } from '../server/build-service-app.js';
import type { TrustedNetworkOptions } from '../service/auth/keyless-caller.js';
import { TrustedNetworks } from '../service/auth/trusted-networks.js';
import type { JobSlots } from '../service/jobs/job-slots.js';

export interface BuildScriptOptions {
  buildRegistry: string;
  gitSchemes: string;
  componentImage: string;
  componentImages?: string;
  trustNetwork?: string;
  trustNetworkUser: string;
}

/** Who key-less callers from `--trust-network` act as, unless `--trust-network-user` says. */
export const DEFAULT_TRUST_NETWORK_USER = 'build-scripts';

/** serve's options for the build API, as build scripts (ad-build's) call it. */
export function addBuildScriptOptions(command: Command): Command {
  return command
    .option(
      '--build-registry <host[/owner]>',
      'where the build API pushes the images it builds',
      'localhost:5000/stackhook-builds',
    )
    .option(
      '--git-schemes <list>',
      'git URL schemes components may be cloned from (comma-separated)',
      'https',
    )
    .option(
      '--component-image <reference>',
      'the image component builds run in when their stackhook-build.yaml names none (untrusted Containerfiles may start FROM it too)',
      'localhost/stackhook/debootstrap:bookworm-minbase',
    )
    .option(
      '--component-images <list>',
      'other images untrusted builds may start from (a stackhook-build.yaml image, FROM and COPY --from in /build/image, component and IMS Containerfiles): references, or prefixes ending in / or : (comma-separated)',
    )
    .option(
      '--trust-network <CIDR,...>',
      'build-API requests from these networks (the TCP peer; never through a proxy, never from a browser) act ' +
        'without a key as --trust-network-user, a writer of the build API only (default: none)',
    )
    .option(
      '--trust-network-user <name>',
      'the user key-less build-API callers from --trust-network act as',
      DEFAULT_TRUST_NETWORK_USER,
    );
}

/** The images untrusted builds may start from (component builds, /build/image, IMS Containerfiles). */
export function allowedBaseImages(
  options: BuildScriptOptions,
  environments: BuildEnvironments,
): ImageAllowList {
  return new ImageAllowList([
    options.componentImage,
    ...(options.componentImages ?? '').split(','),
    ...environments.images(),
  ]);
}

/** `--trust-network` read, or undefined when not given; a bad range or user name is an input error. */
export function trustedNetworkOf(options: BuildScriptOptions): TrustedNetworkOptions | undefined {
  if (options.trustNetwork === undefined) return undefined;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(options.trustNetworkUser))
    throw inputError(`not a user name: "${options.trustNetworkUser}"`, '--trust-network-user');
  return {
    networks: TrustedNetworks.parse(options.trustNetwork, '--trust-network'),
    user: options.trustNetworkUser,
  };
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

/** The build API's image builder and component builds, given podman (none without it). */
export async function buildScriptServices(
  options: BuildScriptOptions,
  context: {
    engine: Engine | undefined;
    log: Log;
    artifacts: ArtifactStore;
    slots: JobSlots;
    environments: BuildEnvironments;
    shared: ServiceAppOptions['shared'];
  },
): Promise<Pick<ServiceAppOptions, 'imageBuilder' | 'componentBuilds'>> {
  const { engine, log, artifacts, slots, environments, shared } = context;
  // The build API pushes with podman's own credentials; its lookups read the same auth file.
  const target = parseRegistryTarget(options.buildRegistry, 'stackhook-builds', '--build-registry');
  const registry = await (await AuthFile.of(undefined, log)).client(target.host);
  if (!engine) return {};
  const baseImages = allowedBaseImages(options, environments);
  return {
    imageBuilder: (catalog) =>
      new ImageBuilder({
        ...catalog,
        engine,
        log,
        target,
        registry,
        baseImages,
        slots,
        environments,
        // Dockerfiles name the shared root as build scripts see it, or as it resolves here.
        ...(shared && { components: { store: artifacts, roots: [shared.root.given, shared.root.real] } }),
      }),
    componentBuilds: (jobContext) =>
      new ComponentBuilds({
        ...jobContext,
        engine,
        store: artifacts,
        log,
        schemes: list(options.gitSchemes),
        defaultImage: options.componentImage,
        allowedImages: list(options.componentImages),
        memory: '4g',
        slots,
        environments,
      }),
  };
}
