import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** The first wait; each next one doubles, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Replaced in tests: returns a number in [0, 1). */
  random?: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 };

/**
 * Runs `work` until it succeeds, retrying only what `isTransient` accepts, waiting an exponentially growing
 * delay with full jitter between tries (so many pushers that failed together do not retry together).
 */
export async function withRetries<T>(
  work: (attempt: number) => Promise<T>,
  options: {
    policy: RetryPolicy;
    isTransient: (error: unknown) => boolean;
    onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
    signal?: AbortSignal;
  },
): Promise<{ value: T; attempts: number }> {
  const { policy } = options;
  const random = policy.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await work(attempt), attempts: attempt };
    } catch (error) {
      if (attempt >= policy.attempts || !options.isTransient(error) || options.signal?.aborted) throw error;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const delayMs = Math.round(random() * ceiling);
      options.onRetry?.(error, attempt, delayMs);
      await sleep(delayMs, undefined, { signal: options.signal });
    }
  }
}
