import { runCommand, tail } from '../../engine/run-command.js';
import { stageError } from '../../errors/stackhook-error.js';

/** Runs a packaging tool (tar, mksquashfs, unsquashfs); a failure is a stage error with its last lines. */
export async function runChecked(
  file: string,
  args: string[],
  what: string,
  signal?: AbortSignal,
): Promise<void> {
  const result = await runCommand(file, args, { signal, timeoutMs: 1_800_000 });
  if (result.exitCode !== 0)
    throw stageError(`${what} failed (exit ${result.exitCode})`, what, tail(result.stderr, 10));
}
