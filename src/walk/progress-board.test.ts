import { Writable } from 'node:stream';
import { LiveProgress } from './live-progress.js';
import { progressBoard, type ImageProgress } from './progress-board.js';

describe('progressBoard', () => {
  it('shows each image with a mark, its phase and, while active, for how long', () => {
    const states = new Map<string, ImageProgress>([
      ['docker-stacks-foundation', { phase: 'built', since: 0 }],
      ['base-notebook', { phase: 'building', since: 1000 }],
      ['r-notebook', { phase: 'waiting', since: 0 }],
      ['broken', { phase: 'failed', since: 0 }],
      ['below', { phase: 'skipped', since: 0 }],
    ]);
    expect(progressBoard(states, 3500, 1)).toEqual([
      '✓ docker-stacks-foundation  built',
      '⠙ base-notebook             building   2.5s',
      '· r-notebook                waiting',
      '✗ broken                    failed',
      '- below                     skipped',
    ]);
  });
});

describe('LiveProgress', () => {
  it('redraws the board in place and prints warnings above it, with secrets hidden', () => {
    let written = '';
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString();
        done();
      },
    }) as unknown as NodeJS.WriteStream;
    const live = new LiveProgress(stream);
    live.addSecret('hunter2');
    live.update({ image: 'a', phase: 'building' });
    live.update({ image: 'a', phase: 'built' });
    live.info('not shown: the board says it');
    live.warn('login with hunter2 failed once');
    live[Symbol.dispose]();
    // Each redraw goes back to the board's first line and clears below it.
    expect(written).toContain('\x1b[1F\x1b[0J');
    expect(written).toContain('warning: login with *** failed once\n');
    expect(written).not.toContain('hunter2');
    expect(written).not.toContain('not shown');
    expect(written.endsWith('✓ a  built\n')).toBe(true);
  });
});
