import { lstat, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { RunningContainer } from '../../engine/running-container.js';
import { stageError } from '../../errors/stackhook-error.js';
import type { Platform } from '../../hierarchy/platform.js';
import type { JobSlot } from '../../service/jobs/running-jobs.js';
import { fetchImageRoot } from './fetch-image-root.js';
import type { JobContext } from './job-context.js';
import { bootFileNames } from './boot-file-names.js';
import { requireRootFits, rootBytes } from './check-root-size.js';
import { jobContainerName } from './job-container-name.js';
import type { JobRecord } from './job-repository.js';
import { removeDoneFile } from './session-done.js';
import { waitForUser } from './wait-for-user.js';
import type { SshContainer } from './ssh-container.js';
import { packageRootArtifacts } from './package-root-artifacts.js';
import { runChecked } from './run-checked.js';
import { runImageJob } from './run-image-job.js';
import { ensureSshdImage } from './sshd-image.js';
import { startSshdContainer } from './start-sshd-container.js';

/**
 * A customize job, as IMS does it: the image's root unpacked and mounted at /mnt/image/image-root in a
 * container running sshd that takes the job's public key only; the job shows host, port, user and the sshd's
 * host key and waits (`waiting_on_user`) until the user touches /mnt/image/complete. The changed root is then
 * packaged into a new image. The container is unprivileged (see startSshdContainer) and is removed on every
 * path, before packaging begins.
 */
export async function runCustomizeJob(
  job: JobRecord,
  context: JobContext,
  signal: AbortSignal,
  slot: JobSlot,
): Promise<void> {
  const { engine, store, ssh } = context;
  const tag = `localhost/stackhook/ims-customized:${job.id}`;
  let container: RunningContainer | undefined;
  let access: SshContainer | undefined;
  const subject = `customize job ${job.id}`;
  const asked = job.ssh_containers[0] ?? { name: 'customize', jail: false };
  try {
    await runImageJob(job, context, async ({ progress, imageId, workDir }) => {
      const imageDir = path.join(workDir, 'image');
      const root = path.join(imageDir, 'image-root');
      let arch: Platform;
      try {
        // The sshd starts while fetching: `waiting_on_user` only shows once ssh_containers says how to connect.
        arch = await progress.phase('fetching_image', async () => {
          const image = await context.images.get(job.artifact_id);
          const key = await context.publicKeys.get(job.public_key_id ?? '');
          await mkdir(imageDir);
          await fetchImageRoot({ store, image, root, workDir, signal });
          progress.write(`image ${image.name} (${image.id}) unpacked\n`);
          const sshdImage = await ensureSshdImage(engine, context.log, {
            signal,
            onOutput: (chunk) => progress.write(chunk),
          });
          ({ container, access } = await startSshdContainer({
            engine,
            jobId: job.id,
            containerName: jobContainerName(job),
            asked,
            image: sshdImage,
            publicKey: key.public_key,
            workDir,
            imageDir,
            root,
            ssh,
            instanceId: context.instanceId,
          }));
          await context.jobs.update(job.id, { ssh_containers: [access] });
          const { host, port } = (
            access.connection_info as { customer_access: { host: string; port: number } }
          ).customer_access;
          const done = asked.jail ? '/tmp/complete' : '/mnt/image/complete';
          progress.write(`sshd ready: ssh -p ${port} root@${host}; touch ${done} when done\n`);
          return image.arch as Platform;
        });
        await progress.phase('waiting_on_user', async () => {
          const wait = async () => {
            await waitForUser({
              container: container!,
              imageDir,
              root,
              jail: asked.jail,
              waitMs: ssh.waitMs,
              subject,
              signal,
            });
            await container![Symbol.asyncDispose]();
            access = { ...access!, status: 'complete' };
            await context.jobs.update(job.id, { ssh_containers: [access] });
          };
          // The user's session holds no slot of the job limit: builds don't wait hours behind it.
          await slot.withoutSlot(wait);
        });
      } finally {
        // Gone before the job's status says how it ended, whichever way that is.
        await container?.[Symbol.asyncDispose]();
        if (access?.status === 'ready')
          await context.jobs.update(job.id, { ssh_containers: [{ ...access, status: 'failed' }] });
      }
      const link = await progress.phase('packaging_artifacts', async () => {
        // Checked again with sshd gone: what gets packed must be the folder the job made, not a link.
        if (!(await lstat(root)).isDirectory())
          throw stageError('the image root is no longer a folder', subject);
        await removeDoneFile(imageDir, root, asked.jail);
        requireRootFits(await rootBytes(root, signal), job.build_env_size, subject);
        const tarFile = path.join(workDir, 'customized.tar');
        await runChecked(
          'tar',
          ['--create', '--file', tarFile, '--directory', root, '--numeric-owner', '.'],
          'pack the root',
          signal,
        );
        await engine.importRootfs(tarFile, tag);
        return packageRootArtifacts({
          engine,
          store,
          root,
          ociImage: tag,
          imageId,
          workDir,
          compression: context.squashfs,
          boot: bootFileNames(job),
          onNote: (note) => progress.write(`${note}\n`),
          signal,
        });
      });
      return { link, arch };
    });
  } finally {
    await engine.removeImage(tag);
  }
}
