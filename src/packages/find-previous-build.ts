import type { Log } from '../log/log.js';
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
): Promise<PreviousBuild | undefined> {
  for (const source of sources) {
    const found = await source.find();
    if (typeof found !== 'string') {
      log.debug(`${image}: previous build from the ${source.name}: ${found.reference}`);
      return found;
    }
    log.debug(`${image}: no previous build in the ${source.name}: ${found}`);
  }
  return undefined;
}
