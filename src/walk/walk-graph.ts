import type { Graph } from '../hierarchy/graph.js';

export type WalkOutcome<T> =
  | { status: 'done'; value: T; durationMs: number }
  | { status: 'failed'; error: unknown; durationMs: number }
  | { status: 'skipped'; reason: string };

export interface WalkGraphOptions<T> {
  graph: Graph;
  /** The images to run, any subset of the graph. */
  images: readonly string[];
  /** How many run at once. */
  jobs: number;
  /** Runs one image; `parent` is the parent's value when the parent is in the walk and succeeded. */
  run: (image: string, parent: T | undefined) => Promise<T>;
  signal?: AbortSignal;
}

/**
 * Runs images in dependency order, independent branches in parallel (at most `jobs` at once), each as soon as
 * its parent is done. A failure skips only its own subtree. Ready images start in level order, then by name,
 * so the same hierarchy always starts in the same order. Never rejects: every image gets an outcome.
 */
export async function walkGraph<T>(options: WalkGraphOptions<T>): Promise<Map<string, WalkOutcome<T>>> {
  const { graph, jobs, run, signal } = options;
  const selected = new Set(options.images);
  const order = new Map(graph.names.map((name, index) => [name, index]));
  const outcomes = new Map<string, WalkOutcome<T>>();
  // An image waits for its nearest selected ancestor; one with none is ready at once.
  const waitsFor = (image: string): string | undefined => {
    for (let up = graph.parent(image); up !== undefined; up = graph.parent(up))
      if (selected.has(up)) return up;
    return undefined;
  };
  const ready = [...selected].filter((image) => waitsFor(image) === undefined);
  const running = new Set<Promise<void>>();

  const skipBelow = (image: string, reason: string): void => {
    for (const below of selected) {
      if (below !== image && !outcomes.has(below) && graph.lineage(below).includes(image))
        outcomes.set(below, { status: 'skipped', reason });
    }
  };
  const start = (image: string): void => {
    const started = performance.now();
    const parent = waitsFor(image);
    const parentOutcome = parent === undefined ? undefined : outcomes.get(parent);
    const parentValue = parentOutcome?.status === 'done' ? parentOutcome.value : undefined;
    const task = run(image, parentValue).then(
      (value) => {
        outcomes.set(image, { status: 'done', value, durationMs: performance.now() - started });
        ready.push(...[...selected].filter((child) => waitsFor(child) === image));
      },
      (error: unknown) => {
        outcomes.set(image, { status: 'failed', error, durationMs: performance.now() - started });
        skipBelow(image, `${image} failed`);
      },
    );
    const tracked = task.finally(() => running.delete(tracked));
    running.add(tracked);
  };

  while (ready.length > 0 || running.size > 0) {
    ready.sort((a, b) => order.get(a)! - order.get(b)!);
    while (ready.length > 0 && running.size < Math.max(1, jobs) && !signal?.aborted) start(ready.shift()!);
    if (running.size === 0) break;
    await Promise.race(running);
  }
  for (const image of selected)
    if (!outcomes.has(image)) outcomes.set(image, { status: 'skipped', reason: 'interrupted' });
  return outcomes;
}
