import type { Log } from './log.js';

/** For tests and library callers that want no output. */
export class SilentLog implements Log {
  readonly lines: string[] = [];
  debug(message: string): void {
    this.lines.push(message);
  }
  info(message: string): void {
    this.lines.push(message);
  }
  warn(message: string): void {
    this.lines.push(message);
  }
  error(message: string): void {
    this.lines.push(message);
  }
  addSecret(): void {}
  step<T>(_title: string, work: () => Promise<T>): Promise<T> {
    return work();
  }
}
