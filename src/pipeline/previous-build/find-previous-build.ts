import type { Log } from '../../log/log.js';
import type { PreviousBuild } from './previous-build.js';

/** One place a previous build may be: returns it, or why it isn't there. */
export interface PreviousBuildSource {
  name: string;
  find(): Promise<PreviousBuild | string>;
}

/** Tries each source in order (cheapest first) and logs why each one that had nothing was skipped. */
export async function findPreviousBuild(
  image: string,
  sources: readonly PreviousBuildSource[],
  log: Log,
  signal?: AbortSignal,
): Promise<PreviousBuild | undefined> {
  for (const source of sources) {
    // A source that breaks (a broken wiki manifest, a registry image that won't start) is skipped, not fatal:
    // the comparison is a report, not the build.
    const found = await source.find().catch((error: unknown) => {
      if (signal?.aborted) throw error;
      return `failed: ${(error as Error)?.message ?? String(error)}`;
    });
    if (typeof found !== 'string') {
      log.debug(`${image}: previous build from the ${source.name}: ${found.reference}`);
      return found;
    }
    const say = found.startsWith('failed: ') ? log.warn.bind(log) : log.debug.bind(log);
    say(`${image}: no previous build in the ${source.name}: ${found}`);
  }
  return undefined;
}
