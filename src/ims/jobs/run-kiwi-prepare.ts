import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Engine } from '../../engine/engine.js';
import { tail } from '../../engine/run-command.js';
import { stageError } from '../../errors/stackhook-error.js';
import type { KiwiDescription } from '../kiwi/kiwi-description.js';
import { runChecked } from './run-checked.js';
import { kiwiErrorReason } from './kiwi-error-reason.js';
import { nameResolutionFailed } from './name-resolution-failed.js';

/**
 * What kiwi needs and nothing more: mounts of /proc, /sys and /dev in the new root (SYS_ADMIN), device nodes
 * debootstrap makes (MKNOD), the chroot (SYS_CHROOT), and root's file rights for packages' files and scripts.
 */
export const KIWI_CAPABILITIES = [
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'SETUID',
  'SETGID',
  'SETFCAP',
  'SYS_CHROOT',
  'MKNOD',
  'SYS_ADMIN',
  'KILL',
];

// Fixed: nothing in it comes from the recipe. kiwi's own copy of the description (/image) and its shell
// helpers are not part of the image, as `kiwi-ng system build` would drop them too.
const PREPARE = [
  'kiwi-ng system prepare --description /kiwi/description --root /kiwi/root',
  'rm -rf /kiwi/root/image /kiwi/root/.kconfig /kiwi/root/.profile',
].join(' && ');

/** Runs of kiwi a job makes when a repository's host name did not resolve (a DNS outage, not the recipe). */
const ATTEMPTS = 2;

/**
 * `kiwi-ng system prepare` on a recipe's description (the template applied) in a container of the kiwi
 * image: the description goes in as a tar stream and the root comes out as one, so that nothing of this
 * machine is mounted in it; it reaches the network (the description's repositories) and nothing else of
 * this machine's. The root is unpacked at `root`.
 */
export async function runKiwiPrepare(request: {
  engine: Engine;
  image: string;
  description: KiwiDescription;
  recipeDir: string;
  workDir: string;
  root: string;
  subject: string;
  labels: Readonly<Record<string, string>>;
  signal?: AbortSignal;
  onOutput: (chunk: string) => void;
}): Promise<void> {
  const { workDir, signal, description } = request;
  const stage = path.join(workDir, 'kiwi-stage');
  const target = path.join(stage, 'kiwi', 'description');
  await mkdir(path.dirname(target), { recursive: true });
  await rename(request.recipeDir, target);
  // The archive's own file is a regular file (readKiwiDescription checked): replaced by the applied text.
  await rm(path.join(target, description.file));
  await writeFile(path.join(target, description.file), description.text, { flag: 'wx' });
  const input = path.join(workDir, 'kiwi-description.tar');
  await runChecked(
    'tar',
    ['--create', '--file', input, '--directory', stage, 'kiwi'],
    'pack the description',
    signal,
  );
  const output = path.join(workDir, 'kiwi-root.tar');
  for (let attempt = 1; ; attempt++) {
    const { exitCode, printed } = await runKiwiContainer(request, input, output);
    if (exitCode === 0) break;
    if (attempt < ATTEMPTS && !signal?.aborted && nameResolutionFailed(printed)) {
      request.onOutput(
        `\n== a repository's host did not resolve: kiwi-ng system prepare again (attempt ${attempt + 1})\n`,
      );
      continue;
    }
    const reason = kiwiErrorReason(printed);
    throw stageError(
      `kiwi-ng system prepare failed (exit ${exitCode})${reason ? `: ${reason}` : ''}`,
      request.subject,
      tail(printed, 15),
    );
  }
  await rm(input, { force: true });
  await mkdir(request.root);
  await runChecked(
    'tar',
    [
      '--extract',
      '--file',
      output,
      '--directory',
      request.root,
      '--numeric-owner',
      '--strip-components',
      '1',
    ],
    'unpack the root',
    signal,
  );
  await rm(output, { force: true });
}

/** One kiwi container: its exit code and the last 64 KiB it printed (for the reason of a failure). */
async function runKiwiContainer(
  request: Parameters<typeof runKiwiPrepare>[0],
  input: string,
  output: string,
): Promise<{ exitCode: number; printed: string }> {
  let printed = '';
  const run = await request.engine.runContainerWithFiles(
    {
      image: request.image,
      argv: ['/bin/sh', '-c', PREPARE],
      subject: request.subject,
      network: 'bridge',
      capabilities: KIWI_CAPABILITIES,
      labels: request.labels,
      pidsLimit: 4096,
    },
    { input, output: { path: '/kiwi/root', tarFile: output } },
    {
      ...(request.signal && { signal: request.signal }),
      onOutput: (chunk) => {
        printed = (printed + chunk).slice(-65_536);
        request.onOutput(chunk);
      },
    },
  );
  return { exitCode: run.exitCode, printed };
}
