import type { Log } from '../log/log.js';

/** What every command gets from its entry point (the CLI, the Action): where to log, and what aborts it. */
export interface CommandContext {
  log: Log;
  signal: AbortSignal;
}
