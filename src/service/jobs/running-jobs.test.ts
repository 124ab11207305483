import { setTimeout as sleep } from 'node:timers/promises';
import { SilentLog } from '../../log/silent-log.js';
import { JobSlots } from './job-slots.js';
import { RunningJobs } from './running-jobs.js';

/** Work that runs until its signal aborts, and says why it stopped. */
const untilAborted = (stopped: string[]) => async (signal: AbortSignal) => {
  await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  stopped.push(signal.reason instanceof DOMException ? signal.reason.name : String(signal.reason));
};
const job = (key: string, timeoutMs = 60_000, dropped?: (reason: unknown) => Promise<void>) => ({
  key,
  subject: key,
  timeoutMs,
  dropped,
});

describe('RunningJobs', () => {
  it('stops a job at its time limit, and only that one', async () => {
    const jobs = new RunningJobs(new SilentLog());
    const stopped: string[] = [];
    jobs.start(job('short', 20), untilAborted(stopped));
    jobs.start(job('long'), untilAborted(stopped));
    await sleep(100);
    expect(stopped).toEqual(['TimeoutError']);
    await jobs.close();
    expect(stopped).toEqual(['TimeoutError', 'AbortError']);
  });

  it('waits on idle for every job, and logs a job that fails', async () => {
    const log = new SilentLog();
    const jobs = new RunningJobs(log);
    const done: string[] = [];
    jobs.start(job('a'), async () => {
      await sleep(20);
      done.push('a');
    });
    jobs.start(job('b'), async () => {
      throw new Error('broke');
    });
    await jobs.idle();
    expect(done).toEqual(['a']);
    expect(log.lines).toEqual(['b: Error: broke']);
  });

  it('queues beyond the limit, in order, the time limit counted from the start', async () => {
    const slots = new JobSlots(1);
    const jobs = new RunningJobs(new SilentLog(), slots);
    const order: string[] = [];
    const work = (name: string) => async (signal: AbortSignal) => {
      order.push(`${name} starts`);
      await sleep(60);
      order.push(`${name} ends${signal.aborted ? ' (timed out)' : ''}`);
    };
    jobs.start(job('first', 1000), work('first'));
    jobs.start(job('second', 100), work('second'));
    jobs.start(job('third', 1000), work('third'));
    expect([jobs.position('first'), jobs.position('second'), jobs.position('third')]).toEqual([
      undefined,
      1,
      2,
    ]);
    await jobs.idle();
    expect(order).toEqual([
      'first starts',
      'first ends',
      'second starts',
      'second ends',
      'third starts',
      'third ends',
    ]);
  });

  it('shares one limit between RunningJobs, and drops queued jobs that are cancelled or closed', async () => {
    const slots = new JobSlots(1);
    const ims = new RunningJobs(new SilentLog(), slots);
    const builds = new RunningJobs(new SilentLog(), slots);
    const stopped: string[] = [];
    const dropped: string[] = [];
    const drop = (name: string) => async () => void dropped.push(name);
    ims.start(job('running', 60_000, drop('running')), untilAborted(stopped));
    builds.start(job('cancelled', 60_000, drop('cancelled')), untilAborted(stopped));
    builds.start(job('closed', 60_000, drop('closed')), untilAborted(stopped));
    expect(builds.position('closed')).toBe(2);
    expect(await builds.cancel('cancelled')).toBe(true);
    expect(builds.position('closed')).toBe(1);
    await builds.close();
    expect(dropped).toEqual(['cancelled', 'closed']);
    expect(stopped).toEqual([]);
    expect(await builds.cancel('closed')).toBe(false);
    await ims.close();
    expect(stopped).toEqual(['AbortError']);
  });

  it('lends its slot while a job waits without working, and queues for it again', async () => {
    const slots = new JobSlots(1);
    const jobs = new RunningJobs(new SilentLog(), slots);
    const order: string[] = [];
    jobs.start(job('session'), async (_signal, slot) => {
      order.push('session prepares');
      await slot.withoutSlot(async () => {
        order.push('session waits on its user');
        await sleep(50);
      });
      order.push('session packages');
    });
    jobs.start(job('build'), async () => {
      order.push('build starts');
      await sleep(100);
      order.push('build ends');
    });
    await jobs.idle();
    expect(order).toEqual([
      'session prepares',
      'session waits on its user',
      'build starts',
      'build ends',
      'session packages',
    ]);
  });
});
