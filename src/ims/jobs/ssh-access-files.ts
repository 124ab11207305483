import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runChecked } from './run-checked.js';

/** Where the files below are mounted in the sshd container, and the port sshd listens on there. */
export const SSH_CONFIG_MOUNT = '/etc/stackhook-ssh';
export const SSHD_PORT = 2222;
/** Where the sshd container has the image root (a jailed user's shell is chrooted there). */
export const IMAGE_ROOT_MOUNT = '/mnt/image/image-root';

/**
 * A customize job's sshd files in `dir`: a fresh ed25519 host key (its public half goes on the job, for the
 * user's known_hosts), the job's public key as the only authorised key, and a config that takes keys only.
 * Port 2222 inside: binding 22 would need one more capability. `jail`: the user's shell is chrooted into the
 * image root (Cray's jailed mode).
 */
export async function writeSshAccessFiles(
  dir: string,
  publicKey: string,
  jail = false,
): Promise<{ hostKey: string }> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const hostKeyFile = path.join(dir, 'ssh_host_ed25519_key');
  await runChecked(
    'ssh-keygen',
    ['-q', '-t', 'ed25519', '-N', '', '-C', 'stackhook-ims-customize', '-f', hostKeyFile],
    'ssh-keygen (host key)',
  );
  await writeFile(path.join(dir, 'authorized_keys'), `${publicKey.trim()}\n`, { mode: 0o600 });
  await writeFile(
    path.join(dir, 'sshd_config'),
    [
      `Port ${SSHD_PORT}`,
      `HostKey ${SSH_CONFIG_MOUNT}/ssh_host_ed25519_key`,
      `AuthorizedKeysFile ${SSH_CONFIG_MOUNT}/authorized_keys`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      // A session edits the image; it is not a way into the service's network.
      'AllowTcpForwarding no',
      'AllowStreamLocalForwarding no',
      'AllowAgentForwarding no',
      'X11Forwarding no',
      'PermitTunnel no',
      'PidFile none',
      'PrintMotd no',
      ...(jail ? [`ChrootDirectory ${IMAGE_ROOT_MOUNT}`] : []),
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  await chmod(dir, 0o700);
  return { hostKey: (await readFile(`${hostKeyFile}.pub`, 'utf8')).trim() };
}
