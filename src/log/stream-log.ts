import type { Log, LogLevel } from './log.js';
import { redact } from './redact.js';

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export interface StreamLogOptions {
  level?: LogLevel;
  /** Prefix each line with an ISO timestamp (CI logs). */
  timestamps?: boolean;
  write?: (line: string) => void;
}

/** Plain lines on stderr: what a terminal and most CI systems want. */
export class StreamLog implements Log {
  private readonly secrets = new Set<string>();
  private readonly level: LogLevel;
  private readonly timestamps: boolean;
  private readonly write: (line: string) => void;

  constructor(options: StreamLogOptions = {}) {
    this.level = options.level ?? 'info';
    this.timestamps = options.timestamps ?? false;
    this.write = options.write ?? ((line) => process.stderr.write(`${line}\n`));
  }

  debug(message: string): void {
    this.emit('debug', message);
  }
  info(message: string): void {
    this.emit('info', message);
  }
  warn(message: string): void {
    this.emit('warn', `warning: ${message}`);
  }
  error(message: string): void {
    this.emit('error', message);
  }

  addSecret(secret: string): void {
    if (secret) this.secrets.add(secret);
  }

  async step<T>(title: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    this.info(`▶ ${title}`);
    try {
      const result = await work();
      this.info(`✓ ${title} (${formatSeconds(performance.now() - started)})`);
      return result;
    } catch (error) {
      this.error(`✗ ${title} (${formatSeconds(performance.now() - started)})`);
      throw error;
    }
  }

  private emit(level: LogLevel, message: string): void {
    if (ORDER[level] < ORDER[this.level]) return;
    const text = redact(message, this.secrets);
    this.write(this.timestamps ? `${new Date().toISOString()} ${text}` : text);
  }
}

export function formatSeconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(2)}s`;
}
