import { inputError } from '../../errors/stackhook-error.js';

/** Jobs at once by default: a 2-core machine runs two builds side by side without starving its requests. */
export const DEFAULT_MAX_JOBS = 2;

interface Waiter {
  key: string;
  grant: (release: () => void) => void;
}

/**
 * How many jobs may run at once on this machine, shared by IMS jobs, component builds and image builds;
 * beyond it, jobs wait their turn, first come first served.
 */
export class JobSlots {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(readonly limit = DEFAULT_MAX_JOBS) {
    if (!Number.isInteger(limit) || limit < 1)
      throw inputError(`the job limit must be a whole number of at least 1, not ${limit}`, '--max-jobs');
  }

  /**
   * Resolves with the function that gives the slot back once one is free. Rejects with the signal's reason
   * when it aborts first: the job leaves the queue and never runs.
   */
  take(key: string, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.running < this.limit && this.waiting.length === 0) {
      this.running += 1;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        key,
        grant: (release) => {
          signal?.removeEventListener('abort', leave);
          resolve(release);
        },
      };
      const leave = () => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', leave, { once: true });
      this.waiting.push(waiter);
    });
  }

  /** Runs `work` in a slot, given back however it ends. */
  async with<T>(key: string, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
    const release = await this.take(key, signal);
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** Where `key` waits: 1 for the next to run; undefined when it is not waiting. */
  position(key: string): number | undefined {
    const index = this.waiting.findIndex((waiter) => waiter.key === key);
    return index < 0 ? undefined : index + 1;
  }

  /** A slot's release: once only, handing the slot straight to the first waiter. */
  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next.grant(this.releaser());
      else this.running -= 1;
    };
  }
}
