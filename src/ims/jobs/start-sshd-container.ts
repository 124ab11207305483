import path from 'node:path';
import type { Engine } from '../../engine/engine.js';
import { INSTANCE_LABEL } from '../../service/jobs/service-instance-id.js';
import type { RunningContainer } from '../../engine/running-container.js';
import type { SshAccess } from './job-context.js';
import type { SshContainer } from './ssh-container.js';
import { IMAGE_ROOT_MOUNT, SSH_CONFIG_MOUNT, SSHD_PORT, writeSshAccessFiles } from './ssh-access-files.js';

/** The label on every container a job runs: its id. */
export const JOB_LABEL = 'io.stackhook.ims.job';

/** What sshd needs to log a user in (SETUID, SETGID, SYS_CHROOT, KILL) and root needs on the image's files. */
const CAPABILITIES = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETUID', 'SETGID', 'SYS_CHROOT', 'KILL'];

/**
 * A customize job's sshd: `imageDir` at /mnt/image (where the user touches `complete`) and `root` mounted on
 * its own at /mnt/image/image-root, so that the user can't swap the root for a link to somewhere on the
 * service's machine (a mount point can't be renamed). Only the job's key logs in. Returns the running
 * container (the caller disposes of it) and the ssh_containers entry that tells the user where to connect.
 */
export async function startSshdContainer(request: {
  engine: Engine;
  jobId: string;
  /** The container's podman name (the job's kubernetes_job). */
  containerName: string;
  /** The ssh_containers entry asked for: its name and whether the user is jailed in the image root. */
  asked: { name: string; jail: boolean };
  image: string;
  publicKey: string;
  workDir: string;
  imageDir: string;
  root: string;
  ssh: SshAccess;
  instanceId: string;
}): Promise<{ container: RunningContainer; access: SshContainer }> {
  const { engine, ssh } = request;
  const sshDir = path.join(request.workDir, 'ssh');
  const { hostKey } = await writeSshAccessFiles(sshDir, request.publicKey, request.asked.jail);
  const container = await engine.startContainer({
    subject: `job ${request.jobId}'s sshd`,
    name: request.containerName,
    image: request.image,
    // A fixed command: nothing in it comes from the request.
    argv: [
      '/bin/sh',
      '-c',
      `mkdir -p /run/sshd && exec /usr/sbin/sshd -D -e -f ${SSH_CONFIG_MOUNT}/sshd_config`,
    ],
    mounts: [
      { source: sshDir, target: SSH_CONFIG_MOUNT, readOnly: true },
      { source: request.imageDir, target: '/mnt/image' },
      { source: request.root, target: IMAGE_ROOT_MOUNT },
    ],
    labels: { [JOB_LABEL]: request.jobId, [INSTANCE_LABEL]: request.instanceId },
    network: 'bridge',
    publish: { hostAddress: ssh.bindAddress, containerPort: SSHD_PORT },
    capabilities: CAPABILITIES,
  });
  try {
    const port = await container.hostPort(SSHD_PORT);
    const access: SshContainer = {
      name: request.asked.name,
      jail: request.asked.jail,
      status: 'ready',
      host_key: hostKey,
      connection_info: { customer_access: { host: ssh.host, port, user: 'root' } },
    };
    return { container, access };
  } catch (error) {
    await container[Symbol.asyncDispose]();
    throw error;
  }
}
