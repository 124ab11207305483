import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCommand, tail } from '../engine/run-command.js';
import { stageError } from '../errors/stackhook-error.js';

export const RUNTIME_CHECK_IMAGE = 'localhost/stackhook/runtime-check:1';

/**
 * A tiny image made from the host's own /bin/true and the libraries it links, so that "can podman run a
 * container here?" can be asked without pulling anything (no registry may be reachable).
 */
export async function ensureRuntimeCheckImage(podman: string, env: Record<string, string>): Promise<void> {
  const exists = await runCommand(podman, ['image', 'exists', RUNTIME_CHECK_IMAGE], { env });
  if (exists.exitCode === 0) return;
  const trueBinary = '/bin/true';
  const ldd = await runCommand('ldd', [trueBinary]);
  const libraries = [...ldd.stdout.matchAll(/(\/\S+)/g)].map((match) => match[1]!);
  const files = [trueBinary, ...new Set(libraries)].map((file) => file.replace(/^\//, ''));
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-runtime-check-'));
  try {
    const tarball = path.join(workDir, 'rootfs.tar');
    // -h stores the targets of symlinks (merged /usr), so the paths the loader expects exist in the image.
    const tar = await runCommand('tar', ['-c', '-h', '-f', tarball, '-C', '/', ...files]);
    if (tar.exitCode !== 0)
      throw stageError('cannot pack /bin/true for the runtime check', 'tar', tail(tar.stderr));
    const imported = await runCommand(podman, ['import', '--quiet', tarball, RUNTIME_CHECK_IMAGE], { env });
    if (imported.exitCode !== 0) {
      throw stageError('cannot import the runtime check image', 'podman import', tail(imported.stderr));
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Runs /bin/true in a container; the podman error text when it fails. */
export async function trialRun(podman: string, env: Record<string, string>): Promise<string | undefined> {
  const run = await runCommand(
    podman,
    ['run', '--rm', '--network', 'none', RUNTIME_CHECK_IMAGE, '/bin/true'],
    {
      env,
      timeoutMs: 60_000,
    },
  );
  return run.exitCode === 0 ? undefined : tail(run.stderr || run.stdout, 3) || `exit ${run.exitCode}`;
}
