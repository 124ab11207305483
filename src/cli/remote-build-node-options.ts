import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { inputError } from '../errors/stackhook-error.js';
import { stateDir } from '../environment/state-dir.js';
import { NODE_HOST_PATTERN, type BuildNodeAccess } from '../ims/nodes/build-node-access.js';

export interface RemoteBuildNodeOptions {
  remoteBuildNodeKey?: string;
  remoteBuildNodeUser: string;
  remoteBuildNodePort: string;
  remoteBuildNodeSocket: string;
  remoteBuildNodeHosts?: string;
}

/** serve's options for IMS remote build nodes (Cray's: root over ssh with one key, podman on the node). */
export function addRemoteBuildNodeOptions(command: Command): Command {
  return command
    .option(
      '--remote-build-node-key <file>',
      'the ssh private key IMS reaches its remote build nodes with (without it, no job runs on one)',
    )
    .option('--remote-build-node-user <name>', 'the user IMS logs in to remote build nodes as', 'root')
    .option('--remote-build-node-port <n>', 'the ssh port of remote build nodes', '22')
    .option(
      '--remote-build-node-socket <path>',
      'podman’s API socket on the remote build nodes',
      '/run/podman/podman.sock',
    )
    .option(
      '--remote-build-node-hosts <list>',
      'xname=host[:port][/podman/socket] pairs (comma-separated) for nodes not reached by their xname',
    );
}

/**
 * How IMS reaches its nodes, or undefined without a key. Host keys are kept in
 * `.stackhook/remote-build-nodes/.ssh/known_hosts` (put the nodes' keys there; one not there is added when
 * first seen, and a changed one fails).
 */
export async function remoteBuildNodeAccess(
  options: RemoteBuildNodeOptions,
): Promise<BuildNodeAccess | undefined> {
  if (!options.remoteBuildNodeKey) return undefined;
  const port = Number(options.remoteBuildNodePort);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw inputError(`not a port: "${options.remoteBuildNodePort}"`, '--remote-build-node-port');
  if (!options.remoteBuildNodeSocket.startsWith('/'))
    throw inputError('not an absolute path', '--remote-build-node-socket');
  const hosts: Record<string, string> = {};
  for (const pair of (options.remoteBuildNodeHosts ?? '').split(',').filter(Boolean)) {
    const [xname, host, ...rest] = pair.trim().split('=');
    if (!xname || !host || rest.length > 0 || !NODE_HOST_PATTERN.test(host))
      throw inputError(`not xname=host[:port][/socket]: "${pair}"`, '--remote-build-node-hosts');
    hosts[xname] = host;
  }
  const home = path.join(stateDir(), 'remote-build-nodes');
  await mkdir(path.join(home, '.ssh'), { recursive: true, mode: 0o700 });
  return {
    identity: path.resolve(options.remoteBuildNodeKey),
    user: options.remoteBuildNodeUser,
    port,
    socketPath: options.remoteBuildNodeSocket,
    home,
    hosts,
  };
}
