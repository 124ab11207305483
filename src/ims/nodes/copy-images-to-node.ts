import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkImageReference } from '../../engine/image-reference-grammar.js';
import { remotePodmanCall, type RemotePodman } from '../../engine/remote-podman.js';
import { runCommand, tail } from '../../engine/run-command.js';
import { stageError } from '../../errors/stackhook-error.js';
import type { LocalPodman } from './local-podman.js';

/**
 * Gives a node the images a job builds FROM that it lacks and this machine has (the debootstrap root, allowed
 * base images): saved here, loaded there through podman's remote API. Nothing is pulled: the node sees only
 * images this service trusts. Returns the references it copied.
 */
export async function copyImagesToNode(
  podman: LocalPodman,
  node: RemotePodman,
  references: readonly string[],
  signal?: AbortSignal,
): Promise<string[]> {
  const call = (remote: RemotePodman | undefined, args: string[]) => {
    const to = remote ? remotePodmanCall(remote) : { args: [], env: {} };
    return runCommand(podman.binary, [...to.args, ...args], {
      env: { ...podman.env, ...to.env },
      signal,
      timeoutMs: 1_800_000,
    });
  };
  const copied: string[] = [];
  for (const reference of new Set(references)) {
    checkImageReference(reference);
    if ((await call(node, ['image', 'exists', reference])).exitCode === 0) continue;
    if ((await call(undefined, ['image', 'exists', reference])).exitCode !== 0) continue;
    const workDir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-node-image-'));
    try {
      const archive = path.join(workDir, 'image.tar');
      const steps: [RemotePodman | undefined, string[], string][] = [
        [undefined, ['save', '--output', archive, reference], `save ${reference}`],
        [node, ['load', '--input', archive], `load ${reference} on the node`],
      ];
      for (const [where, args, what] of steps) {
        const result = await call(where, args);
        if (result.exitCode !== 0)
          throw stageError(`podman ${what} failed (exit ${result.exitCode})`, what, tail(result.stderr, 5));
      }
      copied.push(reference);
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }
  return copied;
}
