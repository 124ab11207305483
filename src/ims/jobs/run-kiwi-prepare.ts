import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Engine } from '../../engine/engine.js';
import { tail } from '../../engine/run-command.js';
import { stageError } from '../../errors/stackhook-error.js';
import type { KiwiDescription } from '../kiwi/kiwi-description.js';
import { runChecked } from './run-checked.js';

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
      signal,
      onOutput: (chunk) => {
        printed = (printed + chunk).slice(-65_536);
        request.onOutput(chunk);
      },
    },
  );
  if (run.exitCode !== 0) {
    // kiwi says why on its last ERROR line (a package not found, a script that failed): that is the reason.
    const reason = printed
      .split('\n')
      .filter((line) => line.includes('[ ERROR'))
      .at(-1);
    throw stageError(
      `kiwi-ng system prepare failed (exit ${run.exitCode})${reason ? `: ${reason.replace(/^.*?\| /, '').trim()}` : ''}`,
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
