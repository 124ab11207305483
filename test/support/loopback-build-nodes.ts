import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from '../../src/engine/run-command.js';
import { ping } from '../../src/environment/api-socket.js';
import { aptInstall, canAptInstall } from '../../src/environment/apt-install.js';
import { startDaemon } from '../../src/environment/start-daemon.js';
import { stateDir } from '../../src/environment/state-dir.js';
import { pathExists } from '../../src/fs/path-exists.js';
import type { Log } from '../../src/log/log.js';

/** A test build node: an sshd on loopback in front of a podman API service with storage of its own. */
export interface LoopbackBuildNode {
  xname: string;
  /** host:port of its sshd. */
  address: string;
  /** podman's API socket on the "node" (this machine). */
  socket: string;
  /** podman's storage there: what the node's builds leave is seen here, not in the test podman's. */
  root: string;
  runroot: string;
}

export interface LoopbackBuildNodes {
  /** The private key the nodes authorise (root's login). */
  key: string;
  nodes: LoopbackBuildNode[];
}

// Each checkout its own pair of ports (from its state folder's hash): two checkouts on one machine, each with its
// own keys, would otherwise reuse each other's sshd and be refused by it.
const PORT_BASE = 42_201;
const PORT_PAIRS = 400;

/**
 * Two remote build nodes for the IMS tests, on this machine: throwaway sshds on 127.0.0.1 (high ports of this checkout's own, host keys
 * and config of their own under .stackhook/, logins as root with a key made here only), each in front of its own
 * podman service. The machine's own sshd and its config are never touched; only sshd's fixed privilege
 * separation folder (/run/sshd) is made when missing. Running ones are reused.
 */
export async function startLoopbackBuildNodes(
  podman: string,
  env: Record<string, string>,
  log: Log,
): Promise<LoopbackBuildNodes> {
  if (!(await pathExists('/usr/sbin/sshd'))) {
    if (!(await canAptInstall()))
      throw new Error('the remote build node tests need sshd: apt-get install -y openssh-server');
    await aptInstall(['openssh-server'], log, false);
  }
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const dir = path.join(stateDir(), 'test-build-nodes');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const key = path.join(dir, 'client_ed25519');
  if (!(await pathExists(key))) await keygen(key);
  const tag = createHash('sha256').update(dir).digest('hex').slice(0, 8);
  const firstPort = PORT_BASE + (Number.parseInt(tag, 16) % PORT_PAIRS) * 2;
  const nodes: LoopbackBuildNode[] = [];
  for (const index of [0, 1]) {
    const home = path.join(dir, `node${index}`);
    const port = firstPort + index;
    const node = {
      xname: `x9000c0s${index}b0n0`,
      address: `127.0.0.1:${port}`,
      socket: path.join(home, 'podman.sock'),
      root: path.join(home, 'storage'),
      // podman refuses a runroot longer than 50 characters: beside the other temporary folders, per project.
      runroot: path.join(os.tmpdir(), `stackhook-node${index}-${tag}`),
    };
    await mkdir(node.runroot, { recursive: true });
    if (!(await ping(node.socket))) {
      await rm(node.socket, { force: true });
      await startDaemon({
        name: `podman service of build node ${index}`,
        binary: podman,
        args: [
          '--root',
          node.root,
          '--runroot',
          node.runroot,
          'system',
          'service',
          '--time=0',
          `unix://${node.socket}`,
        ],
        env,
        logFile: path.join(home, 'podman-service.log'),
        ready: () => ping(node.socket),
      });
    }
    if (!(await answers(port))) {
      const hostKey = path.join(home, 'ssh_host_ed25519_key');
      if (!(await pathExists(hostKey))) await keygen(hostKey);
      const authorized = path.join(home, 'authorized_keys');
      await writeFile(authorized, await readFile(`${key}.pub`, 'utf8'));
      await chmod(authorized, 0o600);
      const config = path.join(home, 'sshd_config');
      await writeFile(
        config,
        [
          `ListenAddress 127.0.0.1:${port}`,
          `HostKey ${hostKey}`,
          `AuthorizedKeysFile ${authorized}`,
          `PidFile ${path.join(home, 'sshd.pid')}`,
          'PermitRootLogin prohibit-password',
          'PasswordAuthentication no',
          'KbdInteractiveAuthentication no',
          'UsePAM no',
          // The files live under the project's folder, whose owners and modes sshd's strict checks don't know.
          'StrictModes no',
          'AllowStreamLocalForwarding yes',
          'X11Forwarding no',
          '',
        ].join('\n'),
      );
      await startDaemon({
        name: `sshd of build node ${index}`,
        binary: '/usr/sbin/sshd',
        args: ['-D', '-f', config, '-E', path.join(home, 'sshd.log')],
        logFile: path.join(home, 'sshd.out'),
        ready: () => answers(port),
      });
    }
    nodes.push(node);
  }
  return { key, nodes };
}

async function keygen(file: string): Promise<void> {
  const result = await runCommand('ssh-keygen', [
    '-q',
    '-t',
    'ed25519',
    '-N',
    '',
    '-C',
    'stackhook-test',
    '-f',
    file,
  ]);
  if (result.exitCode !== 0) throw new Error(`ssh-keygen failed: ${result.stderr}`);
}

/** true when something accepts TCP connections on 127.0.0.1:port. */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, timeout: 1000 }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
