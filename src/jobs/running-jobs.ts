import type { Log } from '../log/log.js';

/**
 * Jobs running in this process: each with its own time limit, a failure logged (the job's record says the
 * rest), all stopped together on `close`.
 */
export class RunningJobs {
  private readonly running = new Set<Promise<void>>();
  private readonly stop = new AbortController();

  constructor(private readonly log: Log) {}

  /** Starts `work` at once with a signal that aborts after `timeoutMs` or on `close`. */
  start(subject: string, timeoutMs: number, work: (signal: AbortSignal) => Promise<void>): void {
    const signal = AbortSignal.any([this.stop.signal, AbortSignal.timeout(timeoutMs)]);
    const run = work(signal)
      .catch((error: unknown) => this.log.error(`${subject}: ${String(error)}`))
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Resolves when no job is running (tests, a graceful stop). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** Stops every running job (each removes what it made) and waits for them. */
  async close(): Promise<void> {
    this.stop.abort();
    await this.idle();
  }
}
