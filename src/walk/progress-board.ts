import type { WalkPhase } from './walk-event.js';

export interface ImageProgress {
  phase: WalkPhase;
  /** When the current phase began (ms, performance.now()). */
  since: number;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const MARK: Partial<Record<WalkPhase, string>> = {
  waiting: '·',
  built: '✓',
  reused: '✓',
  failed: '✗',
  skipped: '-',
};

/** The lines of the live walk board: one per image, in walk order, with what it is doing and for how long. */
export function progressBoard(
  states: ReadonlyMap<string, ImageProgress>,
  now: number,
  frame: number,
): string[] {
  const width = Math.max(0, ...[...states.keys()].map((image) => image.length));
  return [...states].map(([image, { phase, since }]) => {
    const mark = MARK[phase] ?? SPINNER[frame % SPINNER.length]!;
    const active = !(phase in MARK);
    const seconds = active ? `${((now - since) / 1000).toFixed(1)}s` : '';
    return `${mark} ${image.padEnd(width)}  ${phase.padEnd(10)} ${seconds}`.trimEnd();
  });
}
