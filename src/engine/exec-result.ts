/** What one command printed inside a probe container. */
export interface ExecResult {
  argv: readonly string[];
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Killed at its time limit. */
  timedOut?: boolean;
  /** Printed more than the batch keeps: stdout and stderr hold the end of what it printed. */
  truncated?: boolean;
}
