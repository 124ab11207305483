import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeFilesAtomically } from '../fs/atomic-write.js';
import { PROJECT_CONTAINERS_CONF, stateDir } from './state-dir.js';

/** What the trial runs decided, and for which podman and project containers.conf. */
interface CachedDecision {
  key: string;
  useProjectConfig: boolean;
  reason: string;
  decidedAt: string;
}

export const RUNTIME_CACHE_FILE = 'runtime-config.json';

/**
 * The trial `podman run`s cost about 0.4 s per command; their outcome only changes with podman or the
 * project's containers.conf, so it is kept under the state folder keyed by both (binary path, size and mtime;
 * the file's content). `stackhook doctor` always checks afresh; deleting the file does too.
 */
export async function cachedRuntimeDecision(podman: string): Promise<CachedDecision | undefined> {
  const text = await readFile(path.join(stateDir(), RUNTIME_CACHE_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const cached = JSON.parse(text) as CachedDecision;
    return cached.key === (await decisionKey(podman)) ? cached : undefined;
  } catch {
    return undefined;
  }
}

export async function saveRuntimeDecision(
  podman: string,
  useProjectConfig: boolean,
  reason: string,
): Promise<void> {
  const decision: CachedDecision = {
    key: await decisionKey(podman),
    useProjectConfig,
    reason,
    decidedAt: new Date().toISOString(),
  };
  await writeFilesAtomically(
    new Map([[path.join(stateDir(), RUNTIME_CACHE_FILE), `${JSON.stringify(decision, null, 2)}\n`]]),
  ).catch(() => undefined); // a read-only state folder only costs the next command its trial runs
}

async function decisionKey(podman: string): Promise<string> {
  const binary = await stat(podman).catch(() => undefined);
  const config = await readFile(PROJECT_CONTAINERS_CONF, 'utf8').catch(() => '');
  // The machine, the kernel and the user matter too (rootless podman, a CI cache restored elsewhere).
  const machine = `${os.hostname()}\0${os.release()}\0${process.getuid?.() ?? ''}`;
  return createHash('sha256')
    .update(`${podman}\0${binary?.size}\0${binary?.mtimeMs}\0${config}\0${machine}`)
    .digest('hex');
}
