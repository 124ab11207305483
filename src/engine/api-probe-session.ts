import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { batchArgv, parseBatchOutput } from './batch-exec-script.js';
import type { ExecResult } from './exec-result.js';
import type { ProbeSession } from './probe-session.js';

export const PROBE_LABEL = 'io.stackhook.probe';

export interface ProbeSessionOptions {
  /** Run probes as this user instead of the image's USER. */
  user?: string;
  signal?: AbortSignal;
}

/** The exec of the batch's shell did not start (126: not executable, 127: not found), so nothing ran. */
function shellMissing(batch: { stdout: Buffer; exitCode: number }): boolean {
  return (batch.exitCode === 126 || batch.exitCode === 127) && !batch.stdout.includes('@@stackhook ');
}

/** A probe container driven through podman's Docker-compatible API (dockerode). */
export class ApiProbeSession implements ProbeSession {
  private disposed = false;
  private batchWorks: boolean | undefined;

  private constructor(
    private readonly docker: Docker,
    private readonly container: Docker.Container,
    readonly image: string,
  ) {}

  get containerId(): string {
    return this.container.id;
  }

  static async open(
    docker: Docker,
    image: string,
    options: ProbeSessionOptions = {},
  ): Promise<ApiProbeSession> {
    options.signal?.throwIfAborted();
    const container = await docker.createContainer({
      Image: image,
      // `sleep infinity` keeps the container up while probes exec into it; removal is forced, so it never
      // waits for the SIGTERM that sleep would ignore as PID 1.
      Entrypoint: ['sleep'],
      Cmd: ['infinity'],
      User: options.user,
      Labels: { [PROBE_LABEL]: image },
      HostConfig: { NetworkMode: 'none', AutoRemove: false },
    });
    const session = new ApiProbeSession(docker, container, image);
    try {
      await container.start();
      options.signal?.throwIfAborted();
      return session;
    } catch (error) {
      await session[Symbol.asyncDispose]();
      throw error;
    }
  }

  async exec(argv: readonly string[], signal?: AbortSignal): Promise<ExecResult> {
    const { stdout, stderr, exitCode } = await this.run(argv, signal);
    return { argv, exitCode, stdout: stdout.toString('utf8'), stderr: stderr.toString('utf8') };
  }

  async execAll(
    commands: readonly (readonly string[])[],
    signal?: AbortSignal,
    timeoutSeconds: readonly (number | undefined)[] = [],
  ): Promise<ExecResult[]> {
    if (commands.length === 0) return [];
    const limited = timeoutSeconds.some((seconds) => seconds !== undefined);
    if (commands.length === 1 && !limited) return [await this.exec(commands[0]!, signal)];
    if (this.batchWorks !== false) {
      const batch = await this.run(batchArgv(commands, timeoutSeconds), signal);
      try {
        const results = parseBatchOutput(batch.stdout, commands);
        this.batchWorks = true;
        return results;
      } catch (error) {
        // No usable /bin/sh in this image (scratch, distroless): one exec per command instead. Any other broken
        // batch ran its commands already (one of them killed the shell): running them again would run each twice.
        if (this.batchWorks === true || !shellMissing(batch))
          throw new Error(
            `the batch of ${commands.length} commands ended without their results (exit ${batch.exitCode}; did one kill its shell?): ${(error as Error).message}`,
          );
        this.batchWorks = false;
      }
    }
    return Promise.all(commands.map((argv, index) => this.execWithin(argv, timeoutSeconds[index], signal)));
  }

  /** Without the batch's shell, the limit is kept from here: the exec is left (its container goes at the end). */
  private async execWithin(
    argv: readonly string[],
    seconds: number | undefined,
    signal?: AbortSignal,
  ): Promise<ExecResult> {
    if (seconds === undefined) return this.exec(argv, signal);
    const limit = AbortSignal.timeout(seconds * 1000);
    try {
      return await this.exec(argv, signal ? AbortSignal.any([signal, limit]) : limit);
    } catch (error) {
      if (!limit.aborted || signal?.aborted) throw error;
      return { argv, exitCode: 137, stdout: '', stderr: '', timedOut: true };
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.container.remove({ force: true, v: true }).catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 404) throw error;
    });
  }

  private async run(
    argv: readonly string[],
    signal?: AbortSignal,
  ): Promise<{ stdout: Buffer; stderr: Buffer; exitCode: number }> {
    signal?.throwIfAborted();
    const exec = await this.container.exec({
      Cmd: [...argv],
      AttachStdout: true,
      AttachStderr: true,
      AttachStdin: false,
    });
    const stream = await exec.start({ hijack: true, stdin: false });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const out = new PassThrough().on('data', (chunk: Buffer) => stdout.push(chunk));
    const err = new PassThrough().on('data', (chunk: Buffer) => stderr.push(chunk));
    this.docker.modem.demuxStream(stream, out, err);
    await new Promise<void>((resolve, reject) => {
      const abort = (): void => {
        stream.destroy();
        reject(signal?.reason ?? new Error('aborted'));
      };
      signal?.addEventListener('abort', abort, { once: true });
      // An abort while the exec was being created and started (before the listener existed) counts too: without
      // this check, Ctrl-C in that window left the command running to its end.
      if (signal?.aborted) abort();
      const done = (): void => {
        signal?.removeEventListener('abort', abort);
        resolve();
      };
      stream.on('end', done);
      stream.on('close', done);
      stream.on('error', (error) => {
        signal?.removeEventListener('abort', abort);
        reject(error);
      });
    });
    const info = await exec.inspect();
    return { stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr), exitCode: info.ExitCode ?? -1 };
  }
}
