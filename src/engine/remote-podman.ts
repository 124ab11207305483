/** Where another machine's podman answers: its remote API over ssh, as `podman --url` takes it. */
export interface RemotePodman {
  /** `ssh://user@host:port/path/to/podman.sock`. */
  url: string;
  /** The private key podman authenticates with (a file: never the key itself in argv). */
  identity: string;
  /**
   * podman's HOME for these calls: its ssh client checks host keys against `<home>/.ssh/known_hosts` (a
   * changed key fails the call) and adds hosts it has not seen there, so this is a folder of the service's own,
   * never the user's ~/.ssh.
   */
  home: string;
}

/** The global arguments and environment that send a podman call to `remote`. */
export function remotePodmanCall(remote: RemotePodman): { args: string[]; env: Record<string, string> } {
  return {
    args: ['--url', remote.url, '--identity', remote.identity],
    env: { HOME: remote.home },
  };
}
