import type { ProbeSession } from './probe-session.js';
import type { ProbeSessionOptions } from './api-probe-session.js';
import type { ContainerRequest } from './container-request.js';
import type { RunningContainer } from './running-container.js';

export interface BuildRequest {
  /** Shown in errors: the image being built. */
  subject: string;
  contextDir: string;
  dockerfile: string;
  /** The local reference the result gets. */
  tag: string;
  buildArgs: Readonly<Record<string, string>>;
  labels: Readonly<Record<string, string>>;
  /** OCI platform, e.g. linux/amd64. */
  platform: string;
  noCache?: boolean;
  signal?: AbortSignal;
  onOutput?: (chunk: string) => void;
}

export interface ImageInfo {
  id: string;
  /** Repo digest when the image came from or went to a registry. */
  digest: string | undefined;
  size: number;
  created: string;
  architecture: string;
  os: string;
  labels: Readonly<Record<string, string>>;
  repoTags: readonly string[];
}

export interface PushOptions {
  tlsVerify?: boolean;
  authFile?: string;
  signal?: AbortSignal;
}

export interface LoginOptions {
  authFile: string;
  tlsVerify?: boolean;
  signal?: AbortSignal;
}

/** The container engine, passed in explicitly to everything that builds, inspects or runs images. */
export interface Engine {
  readonly name: string;
  version(): Promise<string>;
  /** The version of the builder library `build` uses (podman's buildah), or undefined when it can't say. */
  builderVersion(): Promise<string | undefined>;
  build(request: BuildRequest): Promise<{ imageId: string }>;
  tag(image: string, references: readonly string[]): Promise<void>;
  /** undefined when no such image exists locally. */
  inspectImage(reference: string): Promise<ImageInfo | undefined>;
  /** true when the image could be pulled. */
  pull(
    reference: string,
    signal?: AbortSignal,
    options?: { tlsVerify?: boolean; authFile?: string },
  ): Promise<boolean>;
  /** Imports a root filesystem tarball (a file) as an image. */
  importRootfs(tarball: string, reference: string): Promise<string>;
  push(reference: string, destination: string, options?: PushOptions): Promise<{ digest: string }>;
  /** Stores credentials for `registry` in `authFile`; the password goes through stdin, never argv. */
  login(
    registry: string,
    credentials: { username: string; password: string },
    options: LoginOptions,
  ): Promise<void>;
  openProbeSession(image: string, options?: ProbeSessionOptions): Promise<ProbeSession>;
  /** The image's root filesystem as a tar file (through a created, never started, container). */
  exportFilesystem(image: string, tarFile: string, signal?: AbortSignal): Promise<void>;
  /** The image as an OCI archive file. */
  saveOciArchive(image: string, file: string, signal?: AbortSignal): Promise<void>;
  /** Removes a local reference (nothing when it is not there). */
  removeImage(reference: string): Promise<void>;
  /**
   * Runs a locked-down container to its end and removes it, also when `signal` aborts (exit code 130 then).
   * Its output goes to `onOutput`.
   */
  runContainer(
    request: ContainerRequest,
    options?: { signal?: AbortSignal; onOutput?: (chunk: string) => void },
  ): Promise<{ exitCode: number }>;
  /**
   * Runs a locked-down container as runContainer does, with `files.input` (a tar file) unpacked at its / before
   * it starts and, when it exits 0, `files.output.path` in it saved as a tar file: files go in and come out as
   * tar streams, never through a mount of this machine's folders.
   */
  runContainerWithFiles(
    request: ContainerRequest,
    files: { input?: string; output?: { path: string; tarFile: string } },
    options?: { signal?: AbortSignal; onOutput?: (chunk: string) => void },
  ): Promise<{ exitCode: number }>;
  /** Starts a locked-down container in the background; dispose of it to stop and remove it. */
  startContainer(request: ContainerRequest): Promise<RunningContainer>;
  /** Stops and removes a container at once (nothing when it is not there). */
  removeContainer(nameOrId: string): Promise<void>;
  /** IDs of containers carrying `label` (any value). */
  containersWithLabel(label: string): Promise<string[]>;
}
