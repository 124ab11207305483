import { JobSlots } from './job-slots.js';

describe('JobSlots', () => {
  it('gives slots up to its limit, then queues first come first served', async () => {
    const slots = new JobSlots(2);
    const a = await slots.take('a');
    const b = await slots.take('b');
    const granted: string[] = [];
    const c = slots.take('c').then((release) => (granted.push('c'), release));
    const d = slots.take('d').then((release) => (granted.push('d'), release));
    expect([slots.position('a'), slots.position('c'), slots.position('d')]).toEqual([undefined, 1, 2]);
    a();
    a(); // a second release gives nothing back twice
    (await c)();
    expect(granted).toEqual(['c']);
    b();
    (await d)();
    expect(granted).toEqual(['c', 'd']);
    // All four given back: two slots free again.
    await Promise.all([slots.take('e'), slots.take('f')]);
    expect(slots.position('g')).toBeUndefined();
  });

  it('takes a waiter that is stopped out of the queue', async () => {
    const slots = new JobSlots(1);
    const first = await slots.take('first');
    const stop = new AbortController();
    const stopped = slots.take('stopped', stop.signal);
    const next = slots.take('next');
    stop.abort(new Error('cancelled'));
    await expect(stopped).rejects.toThrow('cancelled');
    expect(slots.position('next')).toBe(1);
    first();
    await expect(next).resolves.toBeInstanceOf(Function);
    await expect(slots.take('late', AbortSignal.abort())).rejects.toBeDefined();
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a limit of %s', (limit) => {
    expect(() => new JobSlots(limit)).toThrow(/--max-jobs: the job limit/);
  });
});
