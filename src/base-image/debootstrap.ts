import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Engine } from '../engine/engine.js';
import { runCommand, tail } from '../engine/run-command.js';
import { stageError } from '../errors/stackhook-error.js';
import type { Log } from '../log/log.js';
import { aptInstall, canAptInstall } from '../environment/apt-install.js';
import { findExecutable } from '../environment/find-executable.js';

export interface DebootstrapSpec {
  suite: string;
  variant: string;
  mirror?: string | undefined;
}

export const DEFAULT_MIRROR = 'http://deb.debian.org/debian';

/**
 * The image a spec makes. Another mirror is another root, so it gets a name of its own: an IMS recipe naming a
 * writer's mirror must never become `bookworm-minbase`, which component builds and allow-lists trust.
 */
export function debootstrapReference(spec: DebootstrapSpec): string {
  const mirror =
    spec.mirror && spec.mirror !== DEFAULT_MIRROR
      ? `-mirror-${createHash('sha256').update(spec.mirror).digest('hex').slice(0, 12)}`
      : '';
  return `localhost/stackhook/debootstrap:${spec.suite}-${spec.variant}${mirror}`;
}

/** The spec behind a reference `debootstrapReference` made, or undefined for any other image. */
export function parseDebootstrapReference(image: string): DebootstrapSpec | undefined {
  const match = /^localhost\/stackhook\/debootstrap:([a-z]+)-(minbase|buildd|fakechroot)$/.exec(image);
  return match ? { suite: match[1]!, variant: match[2]! } : undefined;
}

/** Makes a Debian root filesystem with debootstrap and imports it as an image (no registry needed). */
export async function debootstrapImage(engine: Engine, spec: DebootstrapSpec, log: Log): Promise<string> {
  if (process.getuid?.() !== 0) {
    throw stageError(
      'debootstrap needs root',
      `debootstrap ${spec.suite}`,
      'fix: run as root, or make the base image pullable',
    );
  }
  let binary = await findExecutable('debootstrap');
  if (!binary && (await canAptInstall())) {
    await aptInstall(['debootstrap'], log, false);
    binary = await findExecutable('debootstrap');
  }
  if (!binary)
    throw stageError('debootstrap is not installed', 'debootstrap', 'fix: apt-get install -y debootstrap');
  const reference = debootstrapReference(spec);
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-debootstrap-'));
  try {
    const rootfs = path.join(workDir, 'rootfs');
    // debootstrap runs the packages' maintainer scripts as root in a chroot on this machine. Without a keyring
    // for the suite (say jammy here) it would go on unsigned, so a writer's mirror could run anything.
    const args = [
      '--force-check-gpg',
      `--variant=${spec.variant}`,
      spec.suite,
      rootfs,
      spec.mirror ?? DEFAULT_MIRROR,
    ];
    const run = await runCommand(binary, args, { timeoutMs: 900_000 });
    if (run.exitCode !== 0) {
      throw stageError(
        `debootstrap ${spec.suite} failed (exit ${run.exitCode})`,
        'debootstrap',
        tail(run.stdout + run.stderr, 15),
      );
    }
    const tarball = path.join(workDir, 'rootfs.tar');
    const tar = await runCommand('tar', ['-C', rootfs, '-c', '-f', tarball, '.']);
    if (tar.exitCode !== 0) throw stageError('cannot pack the debootstrap root', 'tar', tail(tar.stderr));
    return await engine.importRootfs(tarball, reference);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
