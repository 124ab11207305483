import type { Log } from '../log/log.js';

/** What every command handler gets from main: where to log, and the signal that Ctrl-C aborts. */
export interface CliContext {
  log: Log;
  signal: AbortSignal;
  /** Result output (stdout). */
  print: (text: string) => void;
}
