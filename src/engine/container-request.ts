/** A container the service runs for someone else's work (a build, a customize session): locked down by default. */
export interface ContainerRequest {
  image: string;
  argv: readonly string[];
  /** Shown in errors and logs. */
  subject: string;
  /** A detached container's podman name (a fresh `stackhook-<uuid>` if none): what a job's record shows. */
  name?: string;
  mounts?: readonly { source: string; target: string; readOnly?: boolean }[];
  labels?: Readonly<Record<string, string>>;
  env?: Readonly<Record<string, string>>;
  workdir?: string;
  /** `none` (the default) or podman's default bridge. */
  network?: 'none' | 'bridge';
  /** A container port published on `hostAddress` at a port the kernel picks. */
  publish?: { hostAddress: string; containerPort: number };
  /** Capabilities kept; every other one is dropped (none by default). */
  capabilities?: readonly string[];
  /** Most processes the container may have (default 1024). */
  pidsLimit?: number;
  /** Memory limit as podman takes it (`2g`); none by default. */
  memory?: string;
}
