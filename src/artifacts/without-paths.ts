import { stageError, StackhookError } from '../errors/stackhook-error.js';

/**
 * The error to report for a failed put: a system error's message names files (paths of the service machine),
 * so it becomes one naming the key and the code, the error itself kept as the cause for the log.
 */
export function withoutPaths(key: string, error: unknown): unknown {
  const { syscall, code } = error as NodeJS.ErrnoException;
  if (error instanceof StackhookError || !syscall) return error;
  return stageError(`cannot store artifact ${key} (${code})`, 'artifact store', undefined, error);
}
