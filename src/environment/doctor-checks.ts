import type { Log } from '../log/log.js';
import { StackhookError } from '../errors/stackhook-error.js';
import { PodmanEngine } from '../engine/podman-engine.js';
import { readGitInfo } from '../git/git-info.js';
import type { Hierarchy } from '../hierarchy/hierarchy.js';
import { debootstrapReference } from '../base-image/debootstrap.js';
import { ensureApiSocket, projectSocket } from './api-socket.js';
import type { Check } from './check.js';
import { findExecutable } from './find-executable.js';
import { DEFAULT_REGISTRY, registryAnswers } from './local-registry.js';
import { findPodman, PODMAN_INSTALL_FIX } from './podman-binary.js';
import { chooseRuntimeConfig } from './runtime-config.js';

/** What `stackhook doctor` looks at. Nothing is installed or started: each missing thing gets its fix. */
export async function doctorChecks(
  log: Log,
  hierarchy: Hierarchy | undefined,
  hierarchyDir: string,
): Promise<Check[]> {
  const checks: Check[] = [];
  const problem = (error: unknown): string =>
    error instanceof StackhookError ? error.description : String(error);

  let podman: string | undefined;
  try {
    podman = await findPodman(log, false);
  } catch (error) {
    checks.push({ name: 'podman', ok: false, found: problem(error), fix: PODMAN_INSTALL_FIX });
  }
  if (podman) {
    let engine: PodmanEngine | undefined;
    try {
      // Always afresh: doctor is where a stale decision would be found out.
      const runtime = await chooseRuntimeConfig(podman, log, { fresh: true });
      const probe = new PodmanEngine({ binary: podman, env: runtime.env, socketPath: '' });
      checks.push({ name: 'podman', ok: true, found: `${await probe.version()} (${podman})` });
      checks.push({ name: 'runtime', ok: true, found: runtime.reason });
      try {
        const socket = await ensureApiSocket(podman, runtime.env, log, false);
        checks.push({ name: 'api socket', ok: true, found: socket });
        engine = new PodmanEngine({ binary: podman, env: runtime.env, socketPath: socket });
      } catch {
        const fix = `${runtime.env.CONTAINERS_CONF ? `CONTAINERS_CONF=${runtime.env.CONTAINERS_CONF} ` : ''}podman system service --time=0 unix://${projectSocket()} &   (stackhook hook starts it)`;
        checks.push({ name: 'api socket', ok: false, found: 'no podman API socket answers', fix });
        engine = new PodmanEngine({ binary: podman, env: runtime.env, socketPath: '' });
      }
    } catch (error) {
      checks.push({
        name: 'runtime',
        ok: false,
        found: problem(error),
        fix: 'see the podman errors above; stackhook tried config/containers.conf too',
      });
    }
    for (const [name, spec] of hierarchy?.images ?? []) {
      if (!spec.base || !engine) continue;
      const local = await engine.inspectImage(spec.base.image);
      const fallback = spec.base.debootstrap ? debootstrapReference(spec.base.debootstrap) : undefined;
      const made = fallback ? await engine.inspectImage(fallback) : undefined;
      const found = local
        ? `${spec.base.image} present`
        : made
          ? `${fallback} (debootstrap) present`
          : `${spec.base.image} missing`;
      const fix = spec.base.debootstrap
        ? `stackhook hook ${name} pulls ${spec.base.image} or makes ${fallback} with debootstrap`
        : `podman pull ${spec.base.image}`;
      checks.push({
        name: `base of ${name}`,
        ok: Boolean(local ?? made),
        found,
        ...((local ?? made) ? {} : { fix }),
      });
    }
  }
  const registryUp = await registryAnswers(DEFAULT_REGISTRY);
  checks.push({
    name: 'registry',
    ok: registryUp,
    found: registryUp
      ? `answers on ${DEFAULT_REGISTRY}`
      : `nothing answers on ${DEFAULT_REGISTRY} (needed only to push)`,
    ...(registryUp
      ? {}
      : { fix: 'apt-get install -y docker-registry; stackhook starts it when a command pushes' }),
  });
  const git = await findExecutable('git');
  if (!git) {
    checks.push({ name: 'git', ok: false, found: 'git is not installed', fix: 'apt-get install -y git' });
  } else {
    try {
      const info = await readGitInfo(hierarchyDir);
      checks.push({ name: 'git', ok: true, found: `commit ${info.shortSha} in ${info.root}` });
    } catch (error) {
      checks.push({
        name: 'git',
        ok: false,
        found: problem(error),
        fix: 'git init && git add -A && git commit -m "first build"',
      });
    }
  }
  return checks;
}
