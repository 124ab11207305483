import { StackhookError } from '../../errors/stackhook-error.js';
import { JOB_LOG_LIMIT } from './append-job-log.js';
import { JobProgress, type JobSink } from './job-progress.js';

/** A job record kept in memory: appends are slow on purpose, so overlapping flushes would interleave. */
class MemorySink implements JobSink<'a' | 'b'> {
  log = '';
  statuses: string[] = [];
  phases: Partial<Record<'a' | 'b', number>> = {};
  async update(_id: string, changes: { status?: 'a' | 'b'; phases?: Partial<Record<'a' | 'b', number>> }) {
    if (changes.status) this.statuses.push(changes.status);
    if (changes.phases) this.phases = { ...changes.phases };
  }
  async appendLog(_id: string, text: string) {
    const before = this.log;
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.log = before + text;
  }
}

describe('JobProgress', () => {
  it('times each phase, sets it as the status and logs what it wrote', async () => {
    const sink = new MemorySink();
    const progress = new JobProgress(sink, 'job');
    await progress.phase('a', async () => progress.write('one\n'));
    await progress.phase('b', async () => progress.write('two\n'));
    expect(sink.statuses).toEqual(['a', 'b']);
    expect(Object.keys(sink.phases)).toEqual(['a', 'b']);
    expect(sink.log).toBe('== a\none\n== b\ntwo\n');
  });

  it('flushes while a phase runs, one flush after another (nothing lost)', async () => {
    const sink = new MemorySink();
    const progress = new JobProgress(sink, 'job', 10);
    await progress.phase('a', async () => {
      for (let i = 0; i < 20; i++) {
        progress.write(`${i}\n`);
        await new Promise((resolve) => setTimeout(resolve, 3));
      }
      expect(sink.log).toContain('== a\n0\n');
    });
    expect(sink.log).toBe(`== a\n${Array.from({ length: 20 }, (_, i) => `${i}\n`).join('')}`);
  });

  it('keeps no more than the log would, however much is written', () => {
    const progress = new JobProgress(new MemorySink(), 'job');
    for (let i = 0; i < 5; i++) progress.write('x'.repeat(JOB_LOG_LIMIT));
    expect((progress as unknown as { pending: string }).pending.length).toBeLessThanOrEqual(
      2 * JOB_LOG_LIMIT,
    );
  });

  it.each<[string, unknown, string]>([
    [
      'a stackhook error',
      new StackhookError({
        kind: 'stage',
        description: 'build failed',
        subject: 'widget',
        details: 'line 1\nline 2',
      }),
      'widget: build failed',
    ],
    ['an error', new Error('plain failure\nwith a second line'), 'plain failure'],
    ['a string', 'a string', 'a string'],
  ])('fail() with %s logs the whole reason and returns its first line', async (_label, error, summary) => {
    const sink = new MemorySink();
    const reason = await new JobProgress(sink, 'job').fail(error);
    expect(reason).toBe(summary);
    expect(sink.log).toContain(summary);
  });
});
