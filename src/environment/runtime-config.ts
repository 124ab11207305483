import type { Log } from '../log/log.js';
import { stageError } from '../errors/stackhook-error.js';
import { ensureRuntimeCheckImage, trialRun } from './runtime-check-image.js';
import { cachedRuntimeDecision, RUNTIME_CACHE_FILE, saveRuntimeDecision } from './runtime-config-cache.js';
import { PROJECT_CONTAINERS_CONF } from './state-dir.js';

export interface RuntimeConfig {
  /** Environment every podman call gets: {} or { CONTAINERS_CONF }. */
  env: Record<string, string>;
  /** Why this config was chosen. */
  reason: string;
}

/**
 * Decides whether podman needs the project's containers.conf: a caller's CONTAINERS_CONF wins; otherwise a
 * trivial `podman run` is tried as the machine is, and only when that fails with the project's file.
 */
export async function chooseRuntimeConfig(
  podman: string,
  log: Log,
  options: { fresh?: boolean } = {},
): Promise<RuntimeConfig> {
  if (process.env.STACKHOOK_RUNTIME_CHECKED === '1') {
    // The test runner (or a parent stackhook) already tried a container with exactly this environment.
    const env: Record<string, string> = process.env.CONTAINERS_CONF
      ? { CONTAINERS_CONF: process.env.CONTAINERS_CONF }
      : {};
    return { env, reason: 'checked by the parent process' };
  }
  if (process.env.CONTAINERS_CONF) {
    return {
      env: { CONTAINERS_CONF: process.env.CONTAINERS_CONF },
      reason: 'CONTAINERS_CONF set by the caller',
    };
  }
  const cached = options.fresh ? undefined : await cachedRuntimeDecision(podman);
  if (cached) {
    const env: Record<string, string> = cached.useProjectConfig
      ? { CONTAINERS_CONF: PROJECT_CONTAINERS_CONF }
      : {};
    return { env, reason: `${cached.reason} (decided ${cached.decidedAt}, kept in ${RUNTIME_CACHE_FILE})` };
  }
  await ensureRuntimeCheckImage(podman, {});
  const plain = await trialRun(podman, {});
  if (plain === undefined) {
    const reason = 'podman runs containers with its default configuration';
    await saveRuntimeDecision(podman, false, reason);
    return { env: {}, reason };
  }
  log.info(
    `podman run fails with the default configuration (${plain.split('\n').at(-1)}); trying ${PROJECT_CONTAINERS_CONF}`,
  );
  const env = { CONTAINERS_CONF: PROJECT_CONTAINERS_CONF };
  const withProject = await trialRun(podman, env);
  if (withProject === undefined) {
    const reason = `default configuration fails (${plain.split('\n').at(-1)}); using ${PROJECT_CONTAINERS_CONF}`;
    await saveRuntimeDecision(podman, true, reason);
    return { env, reason };
  }
  throw stageError(
    'podman cannot run a container on this machine',
    'podman run',
    `default: ${plain}\nwith ${PROJECT_CONTAINERS_CONF}: ${withProject}`,
  );
}
