import { StackhookError } from '../errors/stackhook-error.js';

/** Failed authentications per address in a one-minute window; past the limit the address gets 429s. */
export class AuthFailures {
  private readonly windows = new Map<string, { count: number; since: number }>();

  constructor(private readonly perMinute: number) {}

  /** Throws a 429 while `address` is over its limit. */
  check(address: string): void {
    const window = this.windows.get(address);
    if (window && Date.now() - window.since > 60_000) this.windows.delete(address);
    if ((this.windows.get(address)?.count ?? 0) >= this.perMinute) {
      throw new StackhookError({
        kind: 'input',
        status: 429,
        description: 'too many failed authentications: wait a minute',
        subject: address,
      });
    }
  }

  record(address: string): void {
    const window = this.windows.get(address) ?? { count: 0, since: Date.now() };
    window.count++;
    this.windows.set(address, window);
  }
}
