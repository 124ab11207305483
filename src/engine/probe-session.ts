import type { ExecResult } from './exec-result.js';

/**
 * One running container of a built image, in which probe commands run. It owns the container: disposing it
 * removes the container, and it must be disposed on every path (`await using`).
 */
export interface ProbeSession extends AsyncDisposable {
  readonly containerId: string;
  readonly image: string;
  /** Runs one command. */
  exec(argv: readonly string[], signal?: AbortSignal): Promise<ExecResult>;
  /**
   * Runs many commands concurrently in as few round trips as the image allows; results in input order. A command
   * with a time limit (seconds) is killed when it runs longer, its result `timedOut`.
   */
  execAll(
    commands: readonly (readonly string[])[],
    signal?: AbortSignal,
    timeoutSeconds?: readonly (number | undefined)[],
  ): Promise<ExecResult[]>;
}
