export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where stackhook reports progress. Results never go here: they go to stdout. */
export interface Log {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Runs `work` as a named step and logs its duration (a collapsible group in GitHub Actions). */
  step<T>(title: string, work: () => Promise<T>): Promise<T>;
  /** Values that must never be printed (tokens, passwords). */
  addSecret(secret: string): void;
}
