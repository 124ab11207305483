import type { RemotePodman } from '../../engine/remote-podman.js';

/**
 * How this service reaches its remote build nodes: ssh as `user` with the private key in `identity` (Cray's
 * IMS uses root and one key for all of them), to podman's API socket at `socketPath` on the node. A node's
 * xname is its host name, unless `hosts` maps it to a `host` or `host:port` (a node behind another name, the
 * tests' sshd on loopback).
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

/** The ssh endpoint of a node: host and port. */
export function nodeEndpoint(access: BuildNodeAccess, xname: string): { host: string; port: number } {
  const mapped = access.hosts?.[xname];
  if (!mapped) return { host: xname, port: access.port };
  const match = /^(.+):(\d+)$/.exec(mapped);
  return match ? { host: match[1]!, port: Number(match[2]) } : { host: mapped, port: access.port };
}

/** Where a node's podman answers, for PodmanEngine's `remote`. */
export function nodePodman(access: BuildNodeAccess, xname: string): RemotePodman {
  const { host, port } = nodeEndpoint(access, xname);
  const url = `ssh://${encodeURIComponent(access.user)}@${host}:${port}${access.socketPath}`;
  return { url, identity: access.identity, home: access.home };
}
