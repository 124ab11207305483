/** How to reach a job's sshd (Cray's ssh_containers entry). */
export interface SshContainer {
  name: string;
  /**
   * false: the user lands in the sshd container, the image root at /mnt/image/image-root (done: touch
   * /mnt/image/complete). true: the user's shell is chrooted into the image root (done: touch /tmp/complete).
   */
  jail: boolean;
  status: 'pending' | 'ready' | 'complete' | 'failed';
  /** The sshd's host key (an OpenSSH public key line): what `known_hosts` should hold for it. */
  host_key?: string;
  connection_info: { customer_access: { host: string; port: number; user: string } } | Record<string, never>;
}
