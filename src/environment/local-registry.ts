import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Log } from '../log/log.js';
import { stageError } from '../errors/stackhook-error.js';
import { aptInstall, canAptInstall } from './apt-install.js';
import { findExecutable } from './find-executable.js';
import { startDaemon } from './start-daemon.js';
import { stateDir } from './state-dir.js';

export const DEFAULT_REGISTRY = '127.0.0.1:5000';

export interface LocalRegistry {
  address: string;
  /** How it came to be: already running, or started by stackhook (and from which binary). */
  how: string;
}

/** true when an OCI distribution API answers on host:port (200, or 401 when it wants credentials). */
export async function registryAnswers(address: string): Promise<boolean> {
  try {
    const response = await fetch(`http://${address}/v2/`, { signal: AbortSignal.timeout(2000) });
    return response.status === 200 || response.status === 401;
  } catch {
    return false;
  }
}

/**
 * A registry on 127.0.0.1 for local pushes: one already answering, else Debian's docker-registry (distribution)
 * started with a config under the project's state folder, installing it when this process may.
 */
export async function ensureLocalRegistry(
  log: Log,
  install: boolean,
  address = DEFAULT_REGISTRY,
): Promise<LocalRegistry> {
  if (await registryAnswers(address)) return { address, how: 'already running' };
  let binary = await findExecutable('docker-registry');
  if (!binary && install && (await canAptInstall())) {
    log.info('docker-registry is missing: installing it with apt-get');
    await aptInstall(['docker-registry'], log, false);
    binary = await findExecutable('docker-registry');
  }
  if (!binary) {
    throw stageError(
      `no registry answers on ${address}`,
      'registry',
      'fix: apt-get install -y docker-registry (stackhook then starts it), or run any OCI registry on that address',
    );
  }
  const dir = path.join(stateDir(), 'registry');
  await mkdir(path.join(dir, 'data'), { recursive: true });
  const config = path.join(dir, 'config.yml');
  await writeFile(config, registryConfig(address, path.join(dir, 'data')));
  log.info(`starting docker-registry on ${address}`);
  await startDaemon({
    name: 'docker-registry',
    binary,
    args: ['serve', config],
    logFile: path.join(dir, 'registry.log'),
    ready: () => registryAnswers(address),
  });
  return { address, how: `started ${binary}` };
}

export function registryConfig(address: string, dataDir: string, htpasswd?: string): string {
  const lines = [
    'version: 0.1',
    'log:',
    '  level: warn',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${dataDir}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: ${address}`,
  ];
  if (htpasswd) lines.push('auth:', '  htpasswd:', '    realm: stackhook', `    path: ${htpasswd}`);
  return `${lines.join('\n')}\n`;
}
