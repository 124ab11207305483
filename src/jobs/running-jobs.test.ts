import { setTimeout as sleep } from 'node:timers/promises';
import { SilentLog } from '../log/silent-log.js';
import { RunningJobs } from './running-jobs.js';

/** Work that runs until its signal aborts, and says why it stopped. */
const untilAborted = (stopped: string[]) => async (signal: AbortSignal) => {
  await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  stopped.push(signal.reason instanceof DOMException ? signal.reason.name : String(signal.reason));
};

describe('RunningJobs', () => {
  it('stops a job at its time limit, and only that one', async () => {
    const jobs = new RunningJobs(new SilentLog());
    const stopped: string[] = [];
    jobs.start('short', 20, untilAborted(stopped));
    jobs.start('long', 60_000, untilAborted(stopped));
    await sleep(100);
    expect(stopped).toEqual(['TimeoutError']);
    await jobs.close();
    expect(stopped).toEqual(['TimeoutError', 'AbortError']);
  });

  it('waits on idle for every job, and logs a job that fails', async () => {
    const log = new SilentLog();
    const jobs = new RunningJobs(log);
    const done: string[] = [];
    jobs.start('a', 60_000, async () => {
      await sleep(20);
      done.push('a');
    });
    jobs.start('b', 60_000, async () => {
      throw new Error('broke');
    });
    await jobs.idle();
    expect(done).toEqual(['a']);
    expect(log.lines).toEqual(['b: Error: broke']);
  });
});
