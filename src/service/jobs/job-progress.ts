import { StackhookError } from '../../errors/stackhook-error.js';
import { JOB_LOG_LIMIT } from './append-job-log.js';

/** Where a job's progress goes: its record's status and phases, and its log. */
export interface JobSink<Status extends string> {
  update(id: string, changes: { status?: Status; phases?: Partial<Record<Status, number>> }): Promise<void>;
  appendLog(id: string, text: string): Promise<void>;
}

/**
 * A running job's record as it goes: each phase becomes the job's status while it runs and is timed into
 * `phases`; output is buffered and appended to the job's log every `flushMs` while a phase runs (a live log)
 * and at its end. The buffer keeps no more than the log does, however much a build prints.
 */
export class JobProgress<Status extends string> {
  readonly phases: Partial<Record<Status, number>> = {};
  private pending = '';
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly jobs: JobSink<Status>,
    readonly jobId: string,
    private readonly flushMs = 2000,
  ) {}

  write(text: string): void {
    this.pending += text;
    if (this.pending.length > 2 * JOB_LOG_LIMIT) this.pending = this.pending.slice(-JOB_LOG_LIMIT);
  }

  /** Appends what was written since the last flush; flushes run one after another, never interleaved. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const text = this.pending;
      this.pending = '';
      if (text) await this.jobs.appendLog(this.jobId, text);
    });
    return this.flushing;
  }

  async phase<T>(status: Status, work: () => Promise<T>): Promise<T> {
    await this.jobs.update(this.jobId, { status });
    this.write(`== ${status}\n`);
    const started = performance.now();
    const timer = setInterval(() => void this.flush().catch(() => undefined), this.flushMs);
    timer.unref();
    try {
      return await work();
    } finally {
      clearInterval(timer);
      this.phases[status] = Math.round(performance.now() - started);
      await this.flush();
      await this.jobs.update(this.jobId, { phases: this.phases });
    }
  }

  /** Writes why the job failed to its log and returns the reason's first line, for the job's `error`. */
  async fail(error: unknown): Promise<string> {
    const reason =
      error instanceof StackhookError ? error.render() : String((error as Error)?.message ?? error);
    this.write(`${reason}\n`);
    await this.flush();
    return reason.split('\n')[0]!.replace(/^error: /, '');
  }
}
