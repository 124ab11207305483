import type { RemotePodman } from '../../engine/remote-podman.js';

/**
 * How this service reaches its remote build nodes: ssh as `user` with the private key in `identity` (Cray's
 * IMS uses root and one key for all of them), to podman's API socket at `socketPath` on the node. A node's
 * xname is its host name, unless `hosts` maps it to `host[:port][/socket/path]` (a node behind another name, a
 * podman socket elsewhere, the tests' sshds on loopback).
 */
export interface BuildNodeAccess {
  identity: string;
  user: string;
  port: number;
  socketPath: string;
  /** podman's and ssh's HOME: `<home>/.ssh/known_hosts` holds the nodes' host keys (see RemotePodman). */
  home: string;
  hosts?: Readonly<Record<string, string>>;
}

/** How `hosts` may map an xname: `host[:port][/socket/path]`. */
export const NODE_HOST_PATTERN =
  /^([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)(:\d{1,5})?(\/[A-Za-z0-9._/-]+)?$/;

/** The ssh endpoint of a node (host and port) and its podman socket's path there. */
export function nodeEndpoint(
  access: BuildNodeAccess,
  xname: string,
): { host: string; port: number; socketPath: string } {
  const match = NODE_HOST_PATTERN.exec(access.hosts?.[xname] ?? '');
  if (!match) return { host: xname, port: access.port, socketPath: access.socketPath };
  return {
    host: match[1]!,
    port: match[3] ? Number(match[3].slice(1)) : access.port,
    socketPath: match[4] ?? access.socketPath,
  };
}

/** Where a node's podman answers, for PodmanEngine's `remote`. */
export function nodePodman(access: BuildNodeAccess, xname: string): RemotePodman {
  const { host, port, socketPath } = nodeEndpoint(access, xname);
  const url = `ssh://${encodeURIComponent(access.user)}@${host}:${port}${socketPath}`;
  return { url, identity: access.identity, home: access.home };
}
