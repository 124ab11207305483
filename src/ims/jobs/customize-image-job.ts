import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stageError } from '../../errors/stackhook-error.js';
import type { Platform } from '../../hierarchy/platform.js';
import { fetchImageRoot } from './fetch-image-root.js';
import type { JobContext } from './job-context.js';
import type { JobRecord, SshContainer } from './job-repository.js';
import { packageRootArtifacts } from './package-root-artifacts.js';
import { runChecked } from './run-checked.js';
import { runImageJob } from './run-image-job.js';
import { SSH_CONFIG_MOUNT, SSHD_PORT, writeSshAccessFiles } from './ssh-access-files.js';
import { ensureSshdImage } from './sshd-image.js';

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/**
 * A customize job, as IMS does it: the image's root unpacked and mounted at /mnt/image/image-root in a
 * container running sshd that takes the job's public key only; the job shows host, port, user and the sshd's
 * host key and waits (`waiting_on_user`) until the user touches /mnt/image/complete. The changed root is then
 * packaged into a new image. The container is unprivileged (all capabilities dropped but the five sshd needs
 * to log a user in, no new privileges) and is removed on every path.
 */
export async function runCustomizeJob(
  job: JobRecord,
  context: JobContext,
  signal: AbortSignal,
): Promise<void> {
  const { engine, store, ssh } = context;
  const tag = `localhost/stackhook/ims-customized:${job.id}`;
  try {
    await runImageJob(job, context, async ({ progress, imageId, workDir }) => {
      const imageDir = path.join(workDir, 'image');
      const root = path.join(imageDir, 'image-root');
      // The sshd starts while fetching: `waiting_on_user` only shows once ssh_containers says how to connect.
      const { arch, container, access } = await progress.phase('fetching_image', async () => {
        const image = await context.images.get(job.artifact_id);
        const key = await context.publicKeys.get(job.public_key_id ?? '');
        await mkdir(imageDir);
        await fetchImageRoot({ store, image, root, workDir, signal });
        progress.write(`image ${image.name} (${image.id}) unpacked\n`);
        const sshdImage = await ensureSshdImage(engine, context.log, {
          signal,
          onOutput: (chunk) => progress.write(chunk),
        });
        const { hostKey } = await writeSshAccessFiles(path.join(workDir, 'ssh'), key.public_key);
        const container = await engine.startContainer({
          subject: `customize job ${job.id}`,
          image: sshdImage,
          // A fixed command: nothing in it comes from the request.
          argv: [
            '/bin/sh',
            '-c',
            `mkdir -p /run/sshd && exec /usr/sbin/sshd -D -e -f ${SSH_CONFIG_MOUNT}/sshd_config`,
          ],
          mounts: [
            { source: path.join(workDir, 'ssh'), target: SSH_CONFIG_MOUNT, readOnly: true },
            { source: imageDir, target: '/mnt/image' },
          ],
          labels: { 'io.stackhook.ims.job': job.id },
          network: 'bridge',
          publish: { hostAddress: ssh.bindAddress, containerPort: SSHD_PORT },
          capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETUID', 'SETGID', 'SYS_CHROOT', 'KILL'],
        });
        try {
          const port = await container.hostPort(SSHD_PORT);
          const access: SshContainer = {
            name: 'customize',
            jail: false,
            status: 'ready',
            host_key: hostKey,
            connection_info: { customer_access: { host: ssh.host, port, user: 'root' } },
          };
          await context.jobs.update(job.id, { ssh_containers: [access] });
          progress.write(
            `sshd ready: ssh -p ${port} root@${ssh.host}; touch /mnt/image/complete when done\n`,
          );
          return { arch: image.arch as Platform, container, access };
        } catch (error) {
          await container[Symbol.asyncDispose]();
          throw error;
        }
      });
      await using _sshd = container;
      await progress.phase('waiting_on_user', async () => {
        const waited = AbortSignal.any([signal, AbortSignal.timeout(ssh.waitMs)]);
        while (!(await exists(path.join(imageDir, 'complete')))) {
          if (waited.aborted)
            throw stageError(
              signal.aborted
                ? 'the job was stopped'
                : `no signal from the user within ${ssh.waitMs / 1000} s`,
              `customize job ${job.id}`,
            );
          if (!(await container.running()))
            throw stageError('sshd stopped', `customize job ${job.id}`, await container.logs());
          await sleep(500);
        }
        await context.jobs.update(job.id, { ssh_containers: [{ ...access, status: 'complete' }] });
        await container[Symbol.asyncDispose]();
      });
      const link = await progress.phase('packaging_artifacts', async () => {
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
          signal,
        });
      });
      return { link, arch };
    });
  } finally {
    await engine.removeImage(tag);
  }
}
