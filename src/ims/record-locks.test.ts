import { setTimeout as sleep } from 'node:timers/promises';
import { RecordLocks } from './record-locks.js';

describe('RecordLocks', () => {
  it('runs the work on one key one at a time, in order, through failures', async () => {
    const locks = new RecordLocks();
    const events: string[] = [];
    const step = (name: string, ms: number, fail = false) =>
      locks.run('a', async () => {
        events.push(`${name}+`);
        await sleep(ms);
        events.push(`${name}-`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([step('1', 20), step('2', 5, true), step('3', 1)]);
    expect(events).toEqual(['1+', '1-', '2+', '2-', '3+', '3-']);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('runs different keys side by side, and shares the locks of one database', async () => {
    const locks = new RecordLocks();
    const events: string[] = [];
    await Promise.all(
      ['a', 'b'].map((key) =>
        locks.run(key, async () => {
          events.push(`${key}+`);
          await sleep(10);
          events.push(`${key}-`);
        }),
      ),
    );
    expect(events.slice(0, 2).sort()).toEqual(['a+', 'b+']);
    const database = {};
    expect(RecordLocks.of(database)).toBe(RecordLocks.of(database));
    expect(RecordLocks.of({})).not.toBe(RecordLocks.of(database));
  });
});
