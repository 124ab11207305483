import { mkdir, rm } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import type { Log } from '../log/log.js';
import { stageError } from '../errors/stackhook-error.js';
import { startDaemon } from './start-daemon.js';
import { stateDir } from './state-dir.js';

interface SocketStrategy {
  name: string;
  path(): string | undefined;
}

/** Where a podman API socket may already be listening, in the order they are tried. */
function strategies(): SocketStrategy[] {
  const runtimeDir = process.env.XDG_RUNTIME_DIR;
  return [
    { name: 'STACKHOOK_PODMAN_SOCKET', path: () => process.env.STACKHOOK_PODMAN_SOCKET },
    { name: 'CONTAINER_HOST', path: () => unixPath(process.env.CONTAINER_HOST) },
    { name: 'project socket', path: () => projectSocket() },
    {
      name: 'rootful podman',
      path: () => (process.getuid?.() === 0 ? '/run/podman/podman.sock' : undefined),
    },
    {
      name: 'rootless podman',
      path: () => (runtimeDir ? path.join(runtimeDir, 'podman', 'podman.sock') : undefined),
    },
  ];
}

export function projectSocket(): string {
  return path.join(stateDir(), 'run', 'podman.sock');
}

/** Finds a live podman API socket, or starts `podman system service` on the project socket. */
export async function ensureApiSocket(
  podman: string,
  env: Record<string, string>,
  log: Log,
  start: boolean,
): Promise<string> {
  for (const strategy of strategies()) {
    const candidate = strategy.path();
    if (!candidate) {
      log.debug(`api socket: ${strategy.name} not set`);
      continue;
    }
    if (await ping(candidate)) return candidate;
    log.debug(`api socket: ${strategy.name} (${candidate}) does not answer`);
  }
  const socket = projectSocket();
  if (!start)
    throw stageError(
      'no podman API socket answers',
      'podman API',
      `fix: podman system service --time=0 unix://${socket} &`,
    );
  await startService(podman, env, socket, log);
  return socket;
}

async function startService(
  podman: string,
  env: Record<string, string>,
  socket: string,
  log: Log,
): Promise<void> {
  await mkdir(path.dirname(socket), { recursive: true });
  await rm(socket, { force: true });
  log.info(`starting podman API service on ${socket}`);
  await startDaemon({
    name: 'podman system service',
    binary: podman,
    args: ['system', 'service', '--time=0', `unix://${socket}`],
    env,
    logFile: path.join(path.dirname(socket), 'podman-service.log'),
    ready: () => ping(socket),
  });
}

/** true when a Docker-compatible API answers /_ping on the socket. */
export function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ socketPath, path: '/_ping', timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => {
      request.destroy();
      resolve(false);
    });
  });
}

function unixPath(url: string | undefined): string | undefined {
  return url?.startsWith('unix://') ? url.slice('unix://'.length) : undefined;
}
