/** This machine's podman CLI and the environment its calls need (CONTAINERS_CONF when this machine needs it). */
export interface LocalPodman {
  binary: string;
  env: Readonly<Record<string, string>>;
}
