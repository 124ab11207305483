import type { Log } from '../log/log.js';
import { StreamLog } from '../log/stream-log.js';
import { progressBoard, type ImageProgress } from './progress-board.js';
import type { WalkEvent } from './walk-event.js';

/**
 * A walk's live view in a terminal: a board of the images redrawn in place, warnings and errors printed above
 * it, step and info lines left out (the board says the same). It is the walk's Log; dispose it to stop.
 */
export class LiveProgress implements Log, Disposable {
  private readonly states = new Map<string, ImageProgress>();
  private readonly printer: StreamLog;
  private drawn = 0;
  private frame = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.printer = new StreamLog({ level: 'warn', write: (line) => this.above(line) });
    this.timer = setInterval(() => this.draw(), 100);
    this.timer.unref();
  }

  update(event: WalkEvent): void {
    this.states.set(event.image, { phase: event.phase, since: performance.now() });
    this.draw();
  }

  debug(_message: string): void {}
  info(_message: string): void {}
  warn(message: string): void {
    this.printer.warn(message);
  }
  error(message: string): void {
    this.printer.error(message);
  }
  addSecret(secret: string): void {
    this.printer.addSecret(secret);
  }
  step<T>(_title: string, work: () => Promise<T>): Promise<T> {
    return work();
  }

  [Symbol.dispose](): void {
    clearInterval(this.timer);
    this.draw();
  }

  private above(line: string): void {
    this.clear();
    this.stream.write(`${line}\n`);
    this.draw();
  }

  private clear(): void {
    // Up to the board's first line, then clear to the end of the screen.
    if (this.drawn > 0) this.stream.write(`\x1b[${this.drawn}F\x1b[0J`);
    this.drawn = 0;
  }

  private draw(): void {
    this.clear();
    // Lines never wrap and the board never outgrows the screen, or moving up by its line count would miss.
    const columns = Math.max(20, (this.stream.columns ?? 120) - 1);
    const rows = Math.max(3, (this.stream.rows ?? 40) - 2);
    const all = progressBoard(this.states, performance.now(), this.frame++).map((line) =>
      line.slice(0, columns),
    );
    const lines = all.length > rows ? [...all.slice(0, rows - 1), `… ${all.length - rows + 1} more`] : all;
    if (lines.length > 0) this.stream.write(`${lines.join('\n')}\n`);
    this.drawn = lines.length;
  }
}
