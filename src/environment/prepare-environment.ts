import type { Log } from '../log/log.js';
import { PodmanEngine } from '../engine/podman-engine.js';
import { ensureApiSocket } from './api-socket.js';
import { ensureLocalRegistry, type LocalRegistry } from './local-registry.js';
import { findPodman } from './podman-binary.js';
import { chooseRuntimeConfig, type RuntimeConfig } from './runtime-config.js';

export interface EnvironmentOptions {
  log: Log;
  /** May install missing Debian packages (root only) and start missing services. */
  provision: boolean;
  /** Also make sure a local registry answers (commands that push). */
  registry?: boolean;
}

export interface PreparedEnvironment {
  engine: PodmanEngine;
  podman: string;
  runtime: RuntimeConfig;
  socket: string;
  registry: LocalRegistry | undefined;
}

/** Everything a command needs before it touches podman, found or (when allowed) installed and started. */
export async function prepareEnvironment(options: EnvironmentOptions): Promise<PreparedEnvironment> {
  const { log, provision } = options;
  const podman = await findPodman(log, provision);
  const runtime = await chooseRuntimeConfig(podman, log);
  log.debug(`podman: ${podman}; ${runtime.reason}`);
  const socket = await ensureApiSocket(podman, runtime.env, log, provision);
  const registry = options.registry ? await ensureLocalRegistry(log, provision) : undefined;
  const engine = new PodmanEngine({ binary: podman, env: runtime.env, socketPath: socket });
  return { engine, podman, runtime, socket, registry };
}
