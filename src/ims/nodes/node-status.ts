import path from 'node:path';
import { remotePodmanCall } from '../../engine/remote-podman.js';
import { runCommand, tail } from '../../engine/run-command.js';
import { nodeEndpoint, nodePodman, type BuildNodeAccess } from './build-node-access.js';
import type { LocalPodman } from './local-podman.js';

/** Cray's RemoteBuildNodeStatus: can this service reach the node, and run jobs there. */
export interface RemoteBuildNodeStatus {
  xname: string;
  nodeArch: string;
  numCurrentJobs: number;
  podmanStatus: string;
  sshStatus: string;
  ableToRunJobs: boolean;
}

const PROBE_TIMEOUT_MS = 20_000;

/**
 * Probes a node as Cray's IMS does before it places a job: an ssh session (`uname -m` gives its architecture),
 * then podman's remote API over ssh (its version). `runningJobs` is how many of this service's jobs run there.
 */
export async function probeNode(
  access: BuildNodeAccess | undefined,
  podman: LocalPodman,
  xname: string,
  runningJobs: number,
): Promise<RemoteBuildNodeStatus> {
  const status: RemoteBuildNodeStatus = {
    xname,
    nodeArch: 'Unknown',
    numCurrentJobs: runningJobs,
    podmanStatus: 'Unknown',
    sshStatus: 'Unknown',
    ableToRunJobs: false,
  };
  if (!access) {
    status.sshStatus = 'No ssh key for remote build nodes is configured on this service.';
    return status;
  }
  const { host, port, socketPath } = nodeEndpoint(access, xname);
  const ssh = await runCommand('ssh', [...sshOptions(access, port), '--', host, 'uname', '-m'], {
    timeoutMs: PROBE_TIMEOUT_MS,
  });
  if (ssh.exitCode !== 0) {
    status.sshStatus = `Unable to connect to node. Error: ${tail(ssh.stderr, 3).trim() || `exit ${ssh.exitCode}`}`;
    return status;
  }
  status.sshStatus = 'SSH connection established.';
  const machine = ssh.stdout.trim();
  if (machine !== 'x86_64' && machine !== 'aarch64') {
    status.nodeArch = `Undefined architecture type for node, result: ${machine}`;
    return status;
  }
  status.nodeArch = machine;
  const remote = remotePodmanCall(nodePodman(access, xname));
  const version = await runCommand(
    podman.binary,
    [...remote.args, 'version', '--format', '{{.Server.Version}}'],
    { env: { ...podman.env, ...remote.env }, timeoutMs: PROBE_TIMEOUT_MS },
  );
  if (version.exitCode !== 0 || !version.stdout.trim()) {
    status.podmanStatus = `Unable to reach podman at ${socketPath} on the node. Error: ${tail(version.stderr, 3).trim()}`;
    return status;
  }
  status.podmanStatus = `Podman ${version.stdout.trim()} answers at ${socketPath}`;
  status.ableToRunJobs = true;
  return status;
}

/**
 * ssh with nothing from the user's own configuration: this key only, no agent, no password prompt, host keys
 * checked against (and first seen ones added to) the service's known_hosts, the file podman's ssh reads too.
 */
function sshOptions(access: BuildNodeAccess, port: number): string[] {
  const knownHosts = path.join(access.home, '.ssh', 'known_hosts');
  return [
    '-F',
    '/dev/null',
    '-i',
    access.identity,
    '-p',
    String(port),
    '-l',
    access.user,
    ...['BatchMode=yes', 'IdentitiesOnly=yes', 'IdentityAgent=none', 'ConnectTimeout=10'].flatMap((o) => [
      '-o',
      o,
    ]),
    ...[
      `UserKnownHostsFile=${knownHosts}`,
      'GlobalKnownHostsFile=/dev/null',
      'StrictHostKeyChecking=accept-new',
    ].flatMap((o) => ['-o', o]),
  ];
}
