import type { Log } from '../../log/log.js';
import { JobSlots } from './job-slots.js';

/** A job to run: its key (the job's id: its queue position and `cancel` go by it) and limits. */
export interface JobStart {
  key: string;
  /** Shown in the service's log when the job fails. */
  subject: string;
  /** Counted from when the job leaves the queue. */
  timeoutMs: number;
  /** Called instead of the work when the job is stopped while it waits: its record says so. */
  dropped?: (reason: unknown) => Promise<void>;
}

/** What a running job can do with its slot. */
export interface JobSlot {
  /**
   * Gives the slot back while `during` runs (a customize session waiting on its user uses no CPU: it must not
   * hold up builds for hours), then waits for one again.
   */
  withoutSlot<T>(during: () => Promise<T>): Promise<T>;
}

/**
 * Jobs in this process: each waits for a slot of the machine's job limit (shared with other RunningJobs
 * through `slots`), then runs with its own time limit; a failure is logged (the job's record says the rest);
 * one can be cancelled, all are stopped together on `close`, queued ones included.
 */
export class RunningJobs {
  private readonly jobs = new Map<string, { done: Promise<void>; cancel: AbortController }>();
  private readonly stop = new AbortController();

  constructor(
    private readonly log: Log,
    readonly slots = new JobSlots(),
  ) {}

  /** Queues `work`; it starts with a signal that aborts after `timeoutMs`, on `cancel` or on `close`. */
  start(job: JobStart, work: (signal: AbortSignal, slot: JobSlot) => Promise<void>): void {
    const cancel = new AbortController();
    const stopped = AbortSignal.any([this.stop.signal, cancel.signal]);
    const done = this.run(job, stopped, work)
      .catch((error: unknown) => this.log.error(`${job.subject}: ${String(error)}`))
      .finally(() => this.jobs.delete(job.key));
    this.jobs.set(job.key, { done, cancel });
  }

  /** Where the job waits for a slot (1: next), or undefined when it is not waiting. */
  position(key: string): number | undefined {
    return this.slots.position(key);
  }

  /** Stops the job, queued or running, and waits for it to clean up; false when there is no such job here. */
  async cancel(key: string): Promise<boolean> {
    const job = this.jobs.get(key);
    if (!job) return false;
    job.cancel.abort();
    await job.done;
    return true;
  }

  /** Resolves when no job is queued or running (tests, a graceful stop). */
  async idle(): Promise<void> {
    while (this.jobs.size > 0) await Promise.all([...this.jobs.values()].map((job) => job.done));
  }

  /** Stops every job (running ones remove what they made; queued ones never start) and waits for them. */
  async close(): Promise<void> {
    this.stop.abort();
    await this.idle();
  }

  private async run(
    job: JobStart,
    stopped: AbortSignal,
    work: (signal: AbortSignal, slot: JobSlot) => Promise<void>,
  ): Promise<void> {
    let release: () => void;
    try {
      release = await this.slots.take(job.key, stopped);
    } catch (reason) {
      await job.dropped?.(reason);
      return;
    }
    const signal = AbortSignal.any([stopped, AbortSignal.timeout(job.timeoutMs)]);
    let held = true;
    const slot: JobSlot = {
      withoutSlot: async (during) => {
        release();
        held = false;
        try {
          return await during();
        } finally {
          release = await this.slots.take(job.key, signal);
          held = true;
        }
      },
    };
    try {
      await work(signal, slot);
    } finally {
      if (held) release();
    }
  }
}
