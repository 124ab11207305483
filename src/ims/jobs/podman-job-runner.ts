import type { JobRecord } from './job-repository.js';
import type { JobRunner } from './job-runner.js';
import { runCreateJob, type JobContext } from './create-image-job.js';

/** Runs jobs in this process with podman, each stopped when it runs longer than `timeoutMs`. */
export class PodmanJobRunner implements JobRunner {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly context: JobContext,
    private readonly timeoutMs = 3_600_000,
    private readonly stop = new AbortController(),
  ) {}

  start(job: JobRecord): void {
    const signal = AbortSignal.any([this.stop.signal, AbortSignal.timeout(this.timeoutMs)]);
    const run = runCreateJob(job, this.context, signal)
      .catch((error: unknown) => this.context.log.error(`job ${job.id}: ${String(error)}`))
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** Stops every running job (each removes what it made) and waits for them. */
  async close(): Promise<void> {
    this.stop.abort();
    await this.idle();
  }
}
