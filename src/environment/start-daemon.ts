// eslint-disable-next-line no-restricted-imports -- a detached daemon that must outlive this process; argv array
import { spawn } from 'node:child_process';
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { stageError } from '../errors/stackhook-error.js';

export interface DaemonSpec {
  /** What it is, for errors. */
  name: string;
  binary: string;
  args: readonly string[];
  env?: Record<string, string>;
  logFile: string;
  /** Resolves true once the daemon serves. */
  ready: () => Promise<boolean>;
  timeoutMs?: number;
}

/**
 * Starts a long-lived helper (podman's API service, a registry) detached, so that later commands and test
 * runs reuse it, and waits until it answers.
 */
export async function startDaemon(spec: DaemonSpec): Promise<void> {
  await mkdir(path.dirname(spec.logFile), { recursive: true });
  const log = await open(spec.logFile, 'a');
  const child = spawn(spec.binary, spec.args, {
    env: { ...process.env, ...spec.env },
    detached: true,
    stdio: ['ignore', log.fd, log.fd],
  });
  child.unref();
  await log.close();
  const deadline = Date.now() + (spec.timeoutMs ?? 15_000);
  while (Date.now() < deadline) {
    if (await spec.ready()) return;
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw stageError(`${spec.name} did not start`, spec.binary, `see ${spec.logFile}`);
}
