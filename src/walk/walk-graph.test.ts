import { setTimeout as sleep } from 'node:timers/promises';
import { Graph } from '../hierarchy/graph.js';
import { walkGraph, type WalkOutcome } from './walk-graph.js';

// root ── a ── a1
//      │    └─ a2
//      └─ b ── b1
const graph = new Graph([
  { name: 'root' },
  { name: 'a', parent: 'root' },
  { name: 'a1', parent: 'a' },
  { name: 'a2', parent: 'a' },
  { name: 'b', parent: 'root' },
  { name: 'b1', parent: 'b' },
]);
const all = graph.names;
const status = (outcomes: Map<string, WalkOutcome<unknown>>) =>
  Object.fromEntries([...outcomes].map(([name, outcome]) => [name, outcome.status]));

describe('walkGraph', () => {
  it('runs children after their parent, giving them its value, and no more than `jobs` at once', async () => {
    let running = 0;
    let most = 0;
    const started: string[] = [];
    const outcomes = await walkGraph<string>({
      graph,
      images: all,
      jobs: 2,
      run: async (image, parent) => {
        started.push(image);
        most = Math.max(most, ++running);
        await sleep(10);
        running--;
        return `${parent ?? ''}/${image}`;
      },
    });
    expect(most).toBe(2);
    expect(started).toEqual(['root', 'a', 'b', 'a1', 'a2', 'b1']);
    expect(outcomes.get('a2')).toMatchObject({ status: 'done', value: '/root/a/a2' });
  });

  it('runs independent branches in parallel', async () => {
    const events: string[] = [];
    await walkGraph({
      graph,
      images: ['a', 'b'],
      jobs: 4,
      run: async (image) => {
        events.push(`start ${image}`);
        await sleep(20);
        events.push(`end ${image}`);
      },
    });
    expect(events.slice(0, 2)).toEqual(['start a', 'start b']);
  });

  it('a failure skips only its own subtree', async () => {
    const outcomes = await walkGraph({
      graph,
      images: all,
      jobs: 3,
      run: async (image) => {
        if (image === 'a') throw new Error('build failed');
        return image;
      },
    });
    expect(status(outcomes)).toEqual({
      root: 'done',
      a: 'failed',
      a1: 'skipped',
      a2: 'skipped',
      b: 'done',
      b1: 'done',
    });
    expect(outcomes.get('a1')).toEqual({ status: 'skipped', reason: 'a failed' });
  });

  it('walks a subset: an image whose parent is not in it starts at once, with no parent value', async () => {
    const parents: Record<string, unknown> = {};
    await walkGraph<string>({
      graph,
      images: ['a1', 'b', 'b1'],
      jobs: 1,
      run: async (image, parent) => ((parents[image] = parent), image),
    });
    expect(parents).toEqual({ b: undefined, a1: undefined, b1: 'b' });
  });

  it('starts nothing more once interrupted; what did not start is skipped', async () => {
    const abort = new AbortController();
    const outcomes = await walkGraph({
      graph,
      images: all,
      jobs: 1,
      signal: abort.signal,
      run: async (image) => {
        if (image === 'a') abort.abort();
        return image;
      },
    });
    expect(status(outcomes)).toEqual({
      root: 'done',
      a: 'done',
      b: 'skipped',
      a1: 'skipped',
      a2: 'skipped',
      b1: 'skipped',
    });
    expect(outcomes.get('b')).toEqual({ status: 'skipped', reason: 'interrupted' });
  });
});
