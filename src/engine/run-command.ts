import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { execa } from 'execa';

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The argv that ran, for error messages (never contains secrets: those go through stdin). */
  argv: readonly string[];
  /** Killed at `timeoutMs`. */
  timedOut?: boolean;
}

export interface RunOptions {
  env?: Readonly<Record<string, string>>;
  /** true: the child gets `env` only, not this process's environment with `env` over it. */
  envOnly?: boolean;
  cwd?: string;
  /** Written to the child's stdin (passwords go here, never into argv). */
  input?: string | Buffer;
  /** A file streamed to the child's stdin (a tar file podman reads), instead of `input`. */
  inputFile?: string;
  /** A file the child's stdout goes to (a tar file podman writes), instead of the result's `stdout`. */
  outputFile?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /**
   * The child leads a process group of its own, SIGKILLed when the child exits or times out: what it left running
   * (a server a test suite started, a daemon) would otherwise hold its output open, and this call with it.
   */
  ownGroup?: boolean;
  /** Called with the child's pid once it has started. */
  onStart?: (pid: number) => void;
  /** Called with each chunk of combined output, for progress. */
  onOutput?: (chunk: string) => void;
  /**
   * Keep only the last this many bytes of each stream, read here rather than buffered by execa: a child printing
   * without end (a test suite) neither stops at execa's 100 MB limit nor has all of it in memory.
   */
  keepTail?: number;
}

/** Runs a program with an argv array (never through a shell) and resolves whatever its exit code. */
export async function runCommand(
  file: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<CommandResult> {
  // An opened file stream: the child gets its descriptor, so the output never passes through this process
  // (nor its buffer limit).
  const output = options.outputFile ? createWriteStream(options.outputFile) : undefined;
  try {
    if (output) await once(output, 'open');
    return await run(file, args, options, output);
  } finally {
    if (output) await new Promise((resolve) => output.close(resolve));
  }
}

async function run(
  file: string,
  args: readonly string[],
  options: RunOptions,
  output: WriteStream | undefined,
): Promise<CommandResult> {
  const child = execa(file, args, {
    reject: false,
    env: options.env,
    extendEnv: !options.envOnly,
    cwd: options.cwd,
    ...(options.inputFile ? { inputFile: options.inputFile } : { input: options.input }),
    cancelSignal: options.signal,
    timeout: options.ownGroup ? undefined : options.timeoutMs,
    detached: options.ownGroup,
    stripFinalNewline: false,
    ...(options.inputFile ? {} : { stdin: options.input === undefined ? 'ignore' : 'pipe' }),
    ...(output ? { stdout: output } : {}),
    ...(options.keepTail !== undefined ? { buffer: false } : {}),
    forceKillAfterDelay: 2000,
  });
  const tails =
    options.keepTail === undefined
      ? undefined
      : { stdout: tailOf(child.stdout, options.keepTail), stderr: tailOf(child.stderr, options.keepTail) };
  if (child.pid !== undefined) options.onStart?.(child.pid);
  if (options.onOutput) {
    child.stdout?.on('data', (chunk: Buffer) => options.onOutput?.(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => options.onOutput?.(chunk.toString()));
  }
  const group = options.ownGroup ? ownGroup(child, options.timeoutMs) : undefined;
  const result = await child.finally(() => group?.stop());
  const timedOut = result.timedOut || group?.timedOut();
  const exitCode = result.exitCode ?? (result.isCanceled || timedOut ? 130 : 1);
  const notFound = (result as { code?: string }).code === 'ENOENT';
  return {
    exitCode: notFound ? 127 : exitCode,
    stdout: tails ? tails.stdout() : String(result.stdout ?? ''),
    stderr: notFound ? `${file}: command not found` : tails ? tails.stderr() : String(result.stderr ?? ''),
    argv: [file, ...args],
    ...(timedOut ? { timedOut: true } : {}),
  };
}

/** Reads a stream to its end, keeping its last `bytes` bytes; the text is read once the child is done. */
function tailOf(stream: NodeJS.ReadableStream | null, bytes: number): () => string {
  const chunks: Buffer[] = [];
  let kept = 0;
  stream?.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    kept += chunk.length;
    while (chunks.length > 1 && kept - chunks[0]!.length >= bytes) kept -= chunks.shift()!.length;
  });
  return () => {
    const all = Buffer.concat(chunks);
    return all.subarray(Math.max(0, all.length - bytes)).toString('utf8');
  };
}

/** Kills the child's group when it exits, or at the time limit. */
function ownGroup(
  child: { pid?: number; once(event: 'exit', listener: () => void): unknown },
  timeoutMs?: number,
) {
  let expired = false;
  const kill = (): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group is gone already.
    }
  };
  child.once('exit', kill);
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          expired = true;
          kill();
        }, timeoutMs);
  return { stop: () => clearTimeout(timer), timedOut: () => expired };
}

/** The last `count` non-empty lines of `text`. */
export function tail(text: string, count = 20): string {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(-count)
    .join('\n');
}
