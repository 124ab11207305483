import { StackhookError } from '../../errors/stackhook-error.js';

const MINUTE = 60_000;

/**
 * Failed authentications per address in a one-minute window. Past the limit, the address's failing requests
 * are 429s instead of 401s; its requests with a valid key, and its open reads, are served as before: limiting
 * the address would let anyone behind it (one NAT, one proxy) lock its users out with a few bad keys.
 */
export class AuthFailures {
  private readonly windows = new Map<string, { count: number; since: number }>();
  private sweptAt: number;

  constructor(
    private readonly perMinute: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.sweptAt = clock();
  }

  /** Counts a failed authentication from `address`; past the limit, throws the 429 (the caller throws its 401). */
  record(address: string): void {
    const now = this.clock();
    this.sweep(now);
    let window = this.windows.get(address);
    if (!window || now - window.since > MINUTE) {
      window = { count: 0, since: now };
      this.windows.set(address, window);
    }
    window.count++;
    if (window.count > this.perMinute) {
      throw new StackhookError({
        kind: 'input',
        status: 429,
        description: 'too many failed authentications: wait a minute',
        subject: address,
      });
    }
  }

  /** Forgets windows that are over, once a minute, so many addresses failing once don't fill the memory. */
  private sweep(now: number): void {
    if (now - this.sweptAt < MINUTE) return;
    this.sweptAt = now;
    for (const [address, window] of this.windows)
      if (now - window.since > MINUTE) this.windows.delete(address);
  }
}
