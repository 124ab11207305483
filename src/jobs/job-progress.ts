/** Where a job's progress goes: its record's status and phases, and its log. */
export interface JobSink<Status extends string> {
  update(id: string, changes: { status?: Status; phases?: Partial<Record<Status, number>> }): Promise<void>;
  appendLog(id: string, text: string): Promise<void>;
}

/**
 * A running job's record as it goes: each phase becomes the job's status while it runs and is timed into
 * `phases`; output is buffered and appended to the job's log at each phase's end (and on `flush`).
 */
export class JobProgress<Status extends string> {
  readonly phases: Partial<Record<Status, number>> = {};
  private pending = '';

  constructor(
    private readonly jobs: JobSink<Status>,
    readonly jobId: string,
  ) {}

  write(text: string): void {
    this.pending += text;
  }

  async flush(): Promise<void> {
    if (this.pending) await this.jobs.appendLog(this.jobId, this.pending);
    this.pending = '';
  }

  async phase<T>(status: Status, work: () => Promise<T>): Promise<T> {
    await this.jobs.update(this.jobId, { status });
    this.write(`== ${status}\n`);
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.phases[status] = Math.round(performance.now() - started);
      await this.flush();
      await this.jobs.update(this.jobId, { phases: this.phases });
    }
  }
}
