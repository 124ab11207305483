import path from 'node:path';
import { Command } from 'commander';
import { openArtifactStore } from '../artifacts/open-artifact-store.js';
import { buildServiceApp } from '../server/build-service-app.js';
import { prepareEnvironment } from '../environment/prepare-environment.js';
import { PodmanJobRunner } from '../ims/jobs/podman-job-runner.js';
import { parseSquashfsCompression } from '../ims/jobs/squashfs-compression.js';
import { buildahAdvisories } from '../engine/buildah-advisories.js';
import { openServiceDatabase } from '../server/open-service-database.js';
import { defaultDatabaseFile } from '../service/database/default-database-file.js';
import { hideMachineFolder } from '../service/problems/scrub-machine-paths.js';
import { inputError } from '../errors/stackhook-error.js';
import { hideUrlCredentials } from '../log/hide-url-credentials.js';
import { DEFAULT_SERVER_TIMEOUTS } from '../server/server-timeouts.js';
import { parseTrustProxy } from '../server/trust-proxy.js';
import { DEFAULT_MAX_JOBS, JobSlots } from '../service/jobs/job-slots.js';
import { INSTANCE_LABEL, serviceInstanceId } from '../service/jobs/service-instance-id.js';
import type { CliContext } from './cli-context.js';
import {
  addBuildScriptOptions,
  allowedBaseImages,
  buildScriptServices,
  trustedNetworkOf,
  type BuildScriptOptions,
} from './build-script-options.js';
import {
  addRemoteBuildNodeOptions,
  remoteBuildNodeAccess,
  type RemoteBuildNodeOptions,
} from './remote-build-node-options.js';
import { addSharedRootOptions, sharedRootServices, type SharedRootOptions } from './shared-root-options.js';

interface ServeOptions extends RemoteBuildNodeOptions, BuildScriptOptions, SharedRootOptions {
  database?: string;
  host: string;
  port: string;
  readsNeedKey: boolean;
  amiTagType: string;
  trustProxy?: string;
  requestTimeout: string;
  idleTimeout: string;
  keepAliveTimeout: string;
  artifacts?: string;
  squashfs: string;
  sshHost?: string;
  sshBind: string;
  logLevel: string;
  maxJobs: string;
}

/** pino's levels; `info` logs every request, the default `warn` only what went wrong (every 5xx). */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

export function serveCommand(context: () => CliContext): Command {
  return addSharedRootOptions(addBuildScriptOptions(addRemoteBuildNodeOptions(new Command('serve'))))
    .description(
      'run the services: the SW-Tag catalog (web pages at /, REST at /api/v1, AMI at POST /ami/command), ' +
        'image management (Cray IMS v3 at /ims/v3) and the build API (/build/image, ' +
        '/build/component, /build/jobs); OpenAPI at /openapi.json',
    )
    .option(
      '--database <file|postgres://...>',
      'the services’ database (default: .stackhook/service.sqlite; an existing .stackhook/catalog.sqlite is opened)',
    )
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port to listen on', '8080')
    .option('--reads-need-key', 'reads need an API key too (default: open)', false)
    .option('--ami-tag-type <type>', 'the TAGTYPE of an AMI AddSWTag that gives no -tagType', 'container')
    .option(
      '--artifacts <dir|s3://bucket/prefix>',
      'where the image management service keeps artifacts (default: .stackhook/artifacts)',
    )
    .option(
      '--squashfs <compressor[:level]>',
      'how IMS jobs compress rootfs images (gzip, xz, zstd, lz4, lzo)',
      'gzip:1',
    )
    .option(
      '--ssh-host <name>',
      'the host customize jobs tell users to ssh to (default: this machine’s host name)',
    )
    .option('--ssh-bind <address>', 'the address customize jobs’ sshd ports are published on', '0.0.0.0')
    .option(
      '--max-jobs <n>',
      'IMS jobs, component and image builds run at once (more wait their turn)',
      String(DEFAULT_MAX_JOBS),
    )
    .option(
      '--trust-proxy <hops|addresses>',
      'behind reverse proxies (how many, or their addresses/CIDR ranges, comma-separated): take the client ' +
        'address, host and https from their X-Forwarded-* headers',
    )
    .option(
      '--request-timeout <seconds>',
      'a request, headers and body, must have arrived within this (else 408)',
      String(DEFAULT_SERVER_TIMEOUTS.request / 1000),
    )
    .option(
      '--idle-timeout <seconds>',
      'a connection silent both ways for this long is closed',
      String(DEFAULT_SERVER_TIMEOUTS.idle / 1000),
    )
    .option(
      '--keep-alive-timeout <seconds>',
      'an idle keep-alive connection is closed after this',
      String(DEFAULT_SERVER_TIMEOUTS.keepAlive / 1000),
    )
    .option(
      '--log-level <level>',
      'server log on stderr, JSON lines with request ids: fatal, error, warn (every 5xx), info (every request), debug, trace',
      'warn',
    )
    .action(async (options: ServeOptions) => {
      const { log, signal, print } = context();
      // Defence in depth: a promise some job dropped is logged, not the end of every job and request. (An
      // uncaught exception still ends the process: the state it leaves can't be trusted.)
      process.on('unhandledRejection', (reason) =>
        log.error(`unhandled rejection, the service goes on: ${String(reason)}`),
      );
      if (!LOG_LEVELS.includes(options.logLevel))
        throw inputError(`not a log level: "${options.logLevel}" (${LOG_LEVELS.join(', ')})`, '--log-level');
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw inputError(`not a port: "${options.port}"`, '--port');
      const trustProxy =
        options.trustProxy === undefined ? undefined : parseTrustProxy(options.trustProxy, '--trust-proxy');
      const trustedNetwork = trustedNetworkOf(options);
      const timeouts = {
        request: parseSeconds(options.requestTimeout, '--request-timeout'),
        idle: parseSeconds(options.idleTimeout, '--idle-timeout'),
        keepAlive: parseSeconds(options.keepAliveTimeout, '--keep-alive-timeout'),
      };
      // One limit for everything that builds on this machine: IMS jobs, component builds, image builds.
      if (!/^[1-9][0-9]{0,3}$/.test(options.maxJobs))
        throw inputError(`not a job limit: "${options.maxJobs}" (a whole number, at least 1)`, '--max-jobs');
      const slots = new JobSlots(Number(options.maxJobs));
      const fallback = defaultDatabaseFile();
      if (!options.database && fallback.note) log.info(fallback.note);
      const location = options.database ?? fallback.file;
      const shown = hideUrlCredentials(location);
      if (shown.password) log.addSecret(shown.password);
      const { db } = await openServiceDatabase(location);
      if (!location.includes('://')) hideMachineFolder(path.dirname(path.resolve(location)));
      const artifacts = openArtifactStore(options.artifacts);
      // IMS jobs need podman; the rest of the service does not, so without it only job starts are refused (503).
      const environment = await prepareEnvironment({ log, provision: false }).catch((error: unknown) => {
        log.warn(`no IMS jobs: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
        return undefined;
      });
      const engine = environment?.engine;
      const nodeAccess = await remoteBuildNodeAccess(options);
      const builder = await engine?.builderVersion();
      const advisories = builder ? buildahAdvisories(builder) : [];
      if (engine && (!builder || advisories.length > 0))
        log.warn(
          `podman builds with buildah ${builder ?? '(version unknown)'}, open to ${advisories.map(({ id }) => id).join(', ') || 'unknown advisories'} ` +
            '(RUN --mount reaches this machine’s files): Containerfiles from clients are safe only by stackhook’s ' +
            'Containerfile policy (no RUN flags, no ONBUILD, FROM only allowed images); upgrade podman (buildah 1.38.1 or later)',
        );
      const { environments, shared } = await sharedRootServices(options, artifacts);
      const baseImages = allowedBaseImages(options, environments);
      // Containers of jobs this service left behind when it stopped (a customize sshd would go on taking
      // logins): gone. Only its own: another service on this machine (another database) keeps its sessions.
      const instanceId = await serviceInstanceId(db);
      for (const id of (await engine?.containersWithLabel(`${INSTANCE_LABEL}=${instanceId}`)) ?? []) {
        log.info(`removing container ${id.slice(0, 12)} of an unfinished job`);
        await engine!.removeContainer(id);
      }
      const squashfs = parseSquashfsCompression(options.squashfs, '--squashfs');
      const buildScripts = await buildScriptServices(options, {
        engine,
        log,
        artifacts,
        slots,
        environments,
        shared,
      });
      let runner: PodmanJobRunner | undefined;
      const app = await buildServiceApp({
        db,
        logger: { level: options.logLevel, stream: process.stderr },
        readsNeedKey: options.readsNeedKey,
        defaultTagType: options.amiTagType,
        trustProxy,
        timeouts,
        artifacts,
        environments,
        ...(shared && { shared }),
        ...(environment && {
          buildNodes: {
            podman: { binary: environment.podman, env: environment.runtime.env },
            ...(nodeAccess && { access: nodeAccess }),
          },
        }),
        ...buildScripts,
        ...(trustedNetwork && { trustedNetwork }),
        jobRunner:
          engine &&
          ((context) =>
            (runner = new PodmanJobRunner({
              ...context,
              engine,
              store: artifacts,
              log,
              squashfs,
              baseImages,
              slots,
              ssh: { bindAddress: options.sshBind, ...(options.sshHost ? { host: options.sshHost } : {}) },
            }))),
      });
      const address = await app.listen({ host: options.host, port });
      log.info(`stackhook services on ${address} (database ${shown.display})`);
      print(address);
      // Until Ctrl-C or SIGTERM: then stop taking requests, finish those in flight, close the database.
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      await app.close();
      await runner?.close(); // running jobs are stopped and clean up after themselves
      await db.destroy();
      process.exitCode = 0;
    });
}

/** Seconds (fractions allowed) as milliseconds: at least 0.1 s, at most a day. */
function parseSeconds(value: string, option: string): number {
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || seconds < 0.1 || seconds > 86_400)
    throw inputError(`not a number of seconds from 0.1 to 86400: "${value}"`, option);
  return Math.round(seconds * 1000);
}
