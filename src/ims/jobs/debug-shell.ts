import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { RunningContainer } from '../../engine/running-container.js';
import type { JobProgress } from '../../service/jobs/job-progress.js';
import type { JobSlot } from '../../service/jobs/running-jobs.js';
import type { JobContext } from './job-context.js';
import { jobContainerName } from './job-container-name.js';
import type { JobRecord } from './job-repository.js';
import type { JobPhase } from './job-statuses.js';
import { runChecked } from './run-checked.js';
import type { SshContainer } from './ssh-container.js';
import { ensureSshdImage } from './sshd-image.js';
import { startSshdContainer } from './start-sshd-container.js';
import { waitForUser } from './wait-for-user.js';

/**
 * Cray's debug shell: a create job that failed, with enable_debug, keeps its build environment reachable over
 * ssh (`waiting_on_user`) until the user touches /mnt/image/complete; the job then ends in error as it would
 * have. `rootImage` is the build as far as it got (the built image, or the last step that succeeded), unpacked
 * at /mnt/image/image-root in the same unprivileged sshd container as a customize session.
 */
export async function holdDebugShell(request: {
  job: JobRecord;
  context: JobContext;
  progress: JobProgress<JobPhase>;
  slot: JobSlot;
  signal: AbortSignal;
  workDir: string;
  rootImage: string;
}): Promise<void> {
  const { job, context, progress, signal } = request;
  const { engine, ssh } = context;
  const subject = `create job ${job.id}'s debug shell`;
  const asked = job.ssh_containers[0] ?? { name: 'debug', jail: false };
  const imageDir = path.join(request.workDir, 'debug');
  const root = path.join(imageDir, 'image-root');
  let container: RunningContainer | undefined;
  let access: SshContainer | undefined;
  try {
    await mkdir(root, { recursive: true });
    const tarFile = path.join(request.workDir, 'debug-root.tar');
    await engine.exportFilesystem(request.rootImage, tarFile, signal);
    await runChecked(
      'tar',
      ['--extract', '--file', tarFile, '--directory', root, '--numeric-owner'],
      'unpack the build root',
      signal,
    );
    const key = await context.publicKeys.get(job.public_key_id ?? '');
    const image = await ensureSshdImage(engine, context.log, { signal });
    ({ container, access } = await startSshdContainer({
      engine,
      jobId: job.id,
      containerName: jobContainerName(job),
      asked,
      image,
      publicKey: key.public_key,
      workDir: request.workDir,
      imageDir,
      root,
      ssh,
      instanceId: context.instanceId,
    }));
    await context.jobs.update(job.id, { ssh_containers: [access] });
    const { host, port } = (access.connection_info as { customer_access: { host: string; port: number } })
      .customer_access;
    progress.write(`debug shell: ssh -p ${port} root@${host}; touch /mnt/image/complete when done\n`);
    await progress.phase('waiting_on_user', () =>
      request.slot.withoutSlot(() =>
        waitForUser({
          container: container!,
          imageDir,
          root,
          jail: asked.jail,
          waitMs: ssh.waitMs,
          subject,
          signal,
        }),
      ),
    );
    access = { ...access, status: 'complete' };
    await context.jobs.update(job.id, { ssh_containers: [access] });
  } catch (error) {
    // The build's own failure is what the job reports; the shell's is only logged.
    progress.write(`${subject}: ${(error as Error).message}\n`);
  } finally {
    await container?.[Symbol.asyncDispose]();
    if (access?.status === 'ready')
      await context.jobs.update(job.id, { ssh_containers: [{ ...access, status: 'failed' }] });
  }
}
