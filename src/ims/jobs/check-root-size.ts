import { runCommand, tail } from '../../engine/run-command.js';
import { stageError } from '../../errors/stackhook-error.js';

const GIB = 1024 ** 3;
const gib = (bytes: number) => (bytes / GIB).toFixed(2);

/** An image root of `bytes` must fit in the job's build_env_size (GiB): a clear error when it outgrows it. */
export function requireRootFits(bytes: number, buildEnvSize: number, subject: string): void {
  if (bytes > buildEnvSize * GIB)
    throw stageError(
      `the image root takes ${gib(bytes)} GiB, more than the job's build_env_size of ${buildEnvSize} GiB`,
      subject,
    );
}

/** The apparent size of the files under `root` (what packaging reads), never crossing into other mounts. */
export async function rootBytes(root: string, signal?: AbortSignal): Promise<number> {
  const result = await runCommand('du', ['-s', '-x', '--apparent-size', '--block-size=1', root], { signal });
  const bytes = Number(result.stdout.split('\t')[0]);
  if (result.exitCode !== 0 || !Number.isFinite(bytes))
    throw stageError(`du failed (exit ${result.exitCode})`, root, tail(result.stderr, 5));
  return bytes;
}
