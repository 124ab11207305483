import { execa } from 'execa';

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The argv that ran, for error messages (never contains secrets: those go through stdin). */
  argv: readonly string[];
}

export interface RunOptions {
  env?: Readonly<Record<string, string>>;
  cwd?: string;
  /** Written to the child's stdin (passwords go here, never into argv). */
  input?: string | Buffer;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Called with the child's pid once it has started. */
  onStart?: (pid: number) => void;
  /** Called with each chunk of combined output, for progress. */
  onOutput?: (chunk: string) => void;
}

/** Runs a program with an argv array (never through a shell) and resolves whatever its exit code. */
export async function runCommand(
  file: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<CommandResult> {
  const child = execa(file, args, {
    reject: false,
    env: options.env,
    cwd: options.cwd,
    input: options.input,
    cancelSignal: options.signal,
    timeout: options.timeoutMs,
    stripFinalNewline: false,
    stdin: options.input === undefined ? 'ignore' : 'pipe',
    forceKillAfterDelay: 2000,
  });
  if (child.pid !== undefined) options.onStart?.(child.pid);
  if (options.onOutput) {
    child.stdout?.on('data', (chunk: Buffer) => options.onOutput?.(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => options.onOutput?.(chunk.toString()));
  }
  const result = await child;
  const exitCode = result.exitCode ?? (result.isCanceled || result.timedOut ? 130 : 1);
  const notFound = (result as { code?: string }).code === 'ENOENT';
  return {
    exitCode: notFound ? 127 : exitCode,
    stdout: String(result.stdout ?? ''),
    stderr: notFound ? `${file}: command not found` : String(result.stderr ?? ''),
    argv: [file, ...args],
  };
}

/** The last `count` non-empty lines of `text`. */
export function tail(text: string, count = 20): string {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(-count)
    .join('\n');
}
