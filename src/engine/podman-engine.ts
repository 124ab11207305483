import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { stageError } from '../errors/stackhook-error.js';
import { checkImageReference } from './image-reference-grammar.js';
import { ApiProbeSession, type ProbeSessionOptions } from './api-probe-session.js';
import { buildFailure } from './build-failure.js';
import type { LoginOptions, BuildRequest, Engine, ImageInfo, PushOptions } from './engine.js';
import type { ProbeSession } from './probe-session.js';
import type { ContainerRequest } from './container-request.js';
import { PodmanContainer } from './podman-container.js';
import { stopBuildOnAbort } from './stop-build-on-abort.js';
import { podmanRunArgs } from './podman-run-args.js';
import type { RunningContainer } from './running-container.js';
import { remotePodmanCall, type RemotePodman } from './remote-podman.js';
import { runCommand, tail, type RunOptions } from './run-command.js';

export interface PodmanEngineOptions {
  binary: string;
  /** Extra environment for every podman call (CONTAINERS_CONF when this machine needs it). */
  env: Readonly<Record<string, string>>;
  /** podman's Docker-compatible API socket, for containers and exec. */
  socketPath: string;
  /** Another machine's podman through its remote API over ssh: every call goes there, none to `socketPath`. */
  remote?: RemotePodman;
}

/** podman through its CLI (argv arrays, execa) for images, and through its API socket (dockerode) for containers. */
export class PodmanEngine implements Engine {
  readonly name = 'podman';
  private readonly docker: Docker;

  constructor(private readonly options: PodmanEngineOptions) {
    this.docker = new Docker({ socketPath: options.socketPath });
    refuseRedirects(this.docker);
  }

  get socketPath(): string {
    return this.options.socketPath;
  }

  async version(): Promise<string> {
    const result = await this.podman(['version', '--format', '{{.Client.Version}}']);
    return result.stdout.trim();
  }

  async builderVersion(): Promise<string | undefined> {
    // podman builds with the buildah it was compiled against, which is not the buildah CLI's version.
    const result = await this.podman(['info', '--format', '{{.Host.BuildahVersion}}']);
    return result.exitCode === 0 && result.stdout.trim() ? result.stdout.trim() : undefined;
  }

  async build(request: BuildRequest): Promise<{ imageId: string }> {
    checkImageReference(request.tag, request.subject);
    const workDir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-build-'));
    const iidFile = path.join(workDir, 'iid');
    const args = [
      'build',
      '--file',
      request.dockerfile,
      '--tag',
      request.tag,
      '--platform',
      request.platform,
    ];
    // --force-rm: a failed step's working container goes too, also when the step failed because it was stopped.
    args.push('--iidfile', iidFile, '--layers', '--force-rm');
    if (request.noCache) args.push('--no-cache');
    for (const [key, value] of Object.entries(request.buildArgs)) args.push('--build-arg', `${key}=${value}`);
    for (const [key, value] of Object.entries(request.labels)) args.push('--label', `${key}=${value}`);
    args.push(request.contextDir);
    let release = () => {};
    try {
      const result = await this.podman(args, {
        onOutput: request.onOutput,
        onStart: (pid) => (release = stopBuildOnAbort(pid, request.signal)),
      });
      release();
      if (request.signal?.aborted)
        throw stageError(
          `build of ${request.subject} stopped`,
          request.subject,
          String(request.signal.reason),
        );
      if (result.exitCode !== 0) throw buildFailure(request, result);
      return { imageId: (await readFile(iidFile, 'utf8')).trim().replace(/^sha256:/, '') };
    } finally {
      release();
      await rm(workDir, { recursive: true, force: true });
    }
  }

  async tag(image: string, references: readonly string[]): Promise<void> {
    if (references.length === 0) return;
    for (const reference of [image, ...references]) checkImageReference(reference);
    if (this.options.remote) {
      await this.expectSuccess(['tag', image, ...references], `tag ${image}`);
      return;
    }
    // Through the API socket, one after the other: about 10 ms each, where a `podman tag` process costs 100 ms
    // or more, on the path of every hook. Not at once: podman 4.3 lost one of six names tagged concurrently
    // (seen in CI). Anything unusual (a reference without a tag, an error) goes to the CLI, which names it.
    const split = references.map((reference) => {
      const colon = reference.lastIndexOf(':');
      return colon > reference.lastIndexOf('/')
        ? { repo: reference.slice(0, colon), tag: reference.slice(colon + 1) }
        : undefined;
    });
    if (split.every((parts) => parts !== undefined)) {
      const tagged = await (async () => {
        for (const parts of split) await this.docker.getImage(image).tag(parts);
      })().then(
        () => true,
        () => false,
      );
      if (tagged) return;
    }
    await this.expectSuccess(['tag', image, ...references], `tag ${image}`);
  }

  async inspectImage(reference: string): Promise<ImageInfo | undefined> {
    checkImageReference(reference);
    // Through the API socket: a few milliseconds, where a `podman image inspect` process costs about 60 ms (an
    // unchanged walk is mostly inspections). The CLI stays the fallback for anything but "no such image".
    if (!this.options.remote)
      try {
        const raw = (await this.docker.getImage(reference).inspect()) as unknown as ApiImage;
        return {
          id: raw.Id.replace(/^sha256:/, ''),
          digest: raw.RepoDigests?.[0]?.split('@')[1],
          size: raw.Size,
          created: raw.Created,
          architecture: raw.Architecture,
          os: raw.Os,
          labels: raw.Config?.Labels ?? {},
          repoTags: raw.RepoTags ?? [],
        };
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      }
    const result = await this.podman(['image', 'inspect', '--format', 'json', reference]);
    if (result.exitCode !== 0) return undefined;
    const [raw] = JSON.parse(result.stdout) as RawImage[];
    if (!raw) return undefined;
    return {
      id: raw.Id,
      digest: raw.Digest,
      size: raw.Size,
      created: raw.Created,
      architecture: raw.Architecture,
      os: raw.Os,
      labels: raw.Labels ?? raw.Config?.Labels ?? {},
      repoTags: raw.RepoTags ?? [],
    };
  }

  async pull(
    reference: string,
    signal?: AbortSignal,
    options: { tlsVerify?: boolean; authFile?: string } = {},
  ): Promise<boolean> {
    checkImageReference(reference);
    const tls = options.tlsVerify === false ? ['--tls-verify=false'] : [];
    const auth = options.authFile ? ['--authfile', options.authFile] : [];
    const result = await this.podman(['pull', '--quiet', ...tls, ...auth, reference], {
      signal,
      timeoutMs: 300_000,
    });
    return result.exitCode === 0;
  }

  async importRootfs(tarball: string, reference: string): Promise<string> {
    checkImageReference(reference);
    // A bare root filesystem has no image config: give it the PATH a Debian image has.
    const change = ['--change', 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];
    const result = await this.expectSuccess(
      ['import', '--quiet', ...change, tarball, reference],
      `import ${reference}`,
    );
    return result.stdout.trim().replace(/^sha256:/, '');
  }

  async push(reference: string, destination: string, options: PushOptions = {}): Promise<{ digest: string }> {
    for (const checked of [reference, destination]) checkImageReference(checked);
    const workDir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-push-'));
    const digestFile = path.join(workDir, 'digest');
    const args = ['push', '--digestfile', digestFile, `--tls-verify=${options.tlsVerify ?? true}`];
    if (options.authFile) args.push('--authfile', options.authFile);
    args.push(reference, `docker://${destination}`);
    try {
      await this.expectSuccess(args, `push ${destination}`, options.signal);
      return { digest: (await readFile(digestFile, 'utf8')).trim() };
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }

  async login(
    registry: string,
    credentials: { username: string; password: string },
    options: LoginOptions,
  ): Promise<void> {
    const args = ['login', '--authfile', options.authFile, `--tls-verify=${options.tlsVerify ?? true}`];
    args.push('--username', credentials.username, '--password-stdin', registry);
    const result = await this.podman(args, { input: credentials.password, signal: options.signal });
    if (result.exitCode !== 0) {
      // podman's message names the registry and the reason (e.g. 401 Unauthorized); it never echoes the password.
      throw stageError(`podman login to ${registry} failed`, `registry ${registry}`, tail(result.stderr, 5));
    }
  }

  async openProbeSession(image: string, options: ProbeSessionOptions = {}): Promise<ProbeSession> {
    checkImageReference(image);
    if (this.options.remote)
      throw stageError('probe sessions need the local API socket', `podman at ${this.options.remote.url}`);
    return ApiProbeSession.open(this.docker, image, options);
  }

  async exportFilesystem(image: string, tarFile: string, signal?: AbortSignal): Promise<void> {
    checkImageReference(image);
    // A container that never runs: created only so that its filesystem can be exported, removed on every path.
    const created = await this.expectSuccess(
      ['create', '--label', 'io.stackhook.export=1', image, 'true'],
      `create ${image}`,
      signal,
    );
    const container = created.stdout.trim();
    try {
      await this.expectSuccess(['export', '--output', tarFile, container], `export ${image}`, signal);
    } finally {
      await this.podman(['rm', '--force', container]);
    }
  }

  async saveOciArchive(image: string, file: string, signal?: AbortSignal): Promise<void> {
    checkImageReference(image);
    await this.expectSuccess(
      ['save', '--format', 'oci-archive', '--output', file, image],
      `save ${image}`,
      signal,
    );
  }

  async removeImage(reference: string): Promise<void> {
    checkImageReference(reference);
    await this.podman(['rmi', '--ignore', reference]);
  }

  async runContainer(
    request: ContainerRequest,
    options: { signal?: AbortSignal; onOutput?: (chunk: string) => void } = {},
  ): Promise<{ exitCode: number }> {
    checkImageReference(request.image, request.subject);
    // Named, so that an abort (which only kills the podman client) can still remove the container itself.
    await using container = new PodmanContainer(`stackhook-run-${randomUUID()}`, (args) => this.podman(args));
    const result = await this.podman(['run', '--rm', '--name', container.name, ...podmanRunArgs(request)], {
      signal: options.signal,
      onOutput: options.onOutput,
    });
    if (result.exitCode === 125)
      throw stageError(`podman could not run ${request.subject}`, request.subject, tail(result.stderr, 10));
    return { exitCode: result.exitCode };
  }

  async runContainerWithFiles(
    request: ContainerRequest,
    files: { input?: string; output?: { path: string; tarFile: string } },
    options: { signal?: AbortSignal; onOutput?: (chunk: string) => void } = {},
  ): Promise<{ exitCode: number }> {
    checkImageReference(request.image, request.subject);
    const { signal } = options;
    await using container = new PodmanContainer(`stackhook-run-${randomUUID()}`, (args) => this.podman(args));
    await this.expectSuccess(
      ['create', '--name', container.name, ...podmanRunArgs(request)],
      `create ${request.subject}`,
      signal,
    );
    // `cp -` takes a tar stream and unpacks it inside the container, as the container's root.
    if (files.input)
      await this.expectSuccess(['cp', '-', `${container.name}:/`], 'copy in', signal, files.input);
    const result = await this.podman(['start', '--attach', container.name], {
      signal,
      onOutput: options.onOutput,
    });
    if (result.exitCode === 125)
      throw stageError(`podman could not run ${request.subject}`, request.subject, tail(result.stderr, 10));
    if (result.exitCode === 0 && files.output) {
      const copied = await this.podman(['cp', `${container.name}:${files.output.path}`, '-'], {
        signal,
        outputFile: files.output.tarFile,
      });
      if (copied.exitCode !== 0)
        throw stageError(
          `podman cp of ${files.output.path} failed`,
          request.subject,
          tail(copied.stderr, 10),
        );
    }
    return { exitCode: signal?.aborted ? 130 : result.exitCode };
  }

  async startContainer(request: ContainerRequest): Promise<RunningContainer> {
    checkImageReference(request.image, request.subject);
    const container = new PodmanContainer(request.name ?? `stackhook-${randomUUID()}`, (args) =>
      this.podman(args),
    );
    try {
      await this.expectSuccess(
        ['run', '--detach', '--name', container.name, ...podmanRunArgs(request)],
        `run ${request.subject}`,
      );
    } catch (error) {
      // `run --detach` can fail after creating the container (a port taken, a mount refused).
      await container[Symbol.asyncDispose]();
      throw error;
    }
    return container;
  }

  async removeContainer(nameOrId: string): Promise<void> {
    await new PodmanContainer(nameOrId, (args) => this.podman(args))[Symbol.asyncDispose]();
  }

  async containersWithLabel(label: string): Promise<string[]> {
    const result = await this.expectSuccess(
      ['ps', '--all', '--quiet', '--no-trunc', '--filter', `label=${label}`],
      'ps',
    );
    return result.stdout.split('\n').filter(Boolean);
  }

  private podman(args: readonly string[], options: RunOptions = {}) {
    const remote = this.options.remote && remotePodmanCall(this.options.remote);
    return runCommand(this.options.binary, [...(remote?.args ?? []), ...args], {
      ...options,
      env: { ...this.options.env, ...remote?.env, ...options.env },
    });
  }

  private async expectSuccess(
    args: readonly string[],
    what: string,
    signal?: AbortSignal,
    inputFile?: string,
  ) {
    const result = await this.podman(args, { signal, ...(inputFile ? { inputFile } : {}) });
    if (result.exitCode !== 0) {
      throw stageError(`podman ${what} failed (exit ${result.exitCode})`, what, tail(result.stderr, 10));
    }
    return result;
  }
}

interface ApiImage {
  Id: string;
  RepoDigests?: string[];
  Size: number;
  Created: string;
  Architecture: string;
  Os: string;
  Config?: { Labels?: Record<string, string> | null };
  RepoTags?: string[];
}

interface RawImage {
  Id: string;
  Digest?: string;
  Size: number;
  Created: string;
  Architecture: string;
  Os: string;
  Labels?: Record<string, string> | null;
  Config?: { Labels?: Record<string, string> | null };
  RepoTags?: string[];
}

/**
 * podman's API never redirects a call this engine makes. docker-modem follows redirects itself, on a request
 * nobody listens to for errors: a 301 (podman's answer to a path holding `..`) sent it to a host named
 * "images", and the unhandled `error` ended the process. With `maxRedirects: 0` its redirect code fails the
 * call instead, through the listener the call has.
 */
function refuseRedirects(docker: Docker): void {
  const modem = docker.modem as unknown as {
    buildRequest: (options: object, ...rest: unknown[]) => unknown;
  };
  const buildRequest = modem.buildRequest.bind(modem);
  modem.buildRequest = (options, ...rest) => buildRequest({ ...options, maxRedirects: 0 }, ...rest);
}
