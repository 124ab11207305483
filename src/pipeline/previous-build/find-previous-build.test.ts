import { SilentLog } from '../../log/silent-log.js';
import { findPreviousBuild, type PreviousBuildSource } from './find-previous-build.js';
import type { PreviousBuild } from './previous-build.js';

const build = (foundIn: PreviousBuild['foundIn']): PreviousBuild => ({
  foundIn,
  reference: `${foundIn}-ref`,
  buildTimestamp: undefined,
  gitSha: undefined,
  packages: [],
});
const source = (name: string, find: PreviousBuildSource['find']): PreviousBuildSource => ({ name, find });

describe('findPreviousBuild', () => {
  it('takes the first source that has one, saying why the others had nothing', async () => {
    const log = new SilentLog();
    const asked: string[] = [];
    const sources = [
      source('out folder', async () => (asked.push('out'), 'no record x.json')),
      source('wiki', async () => {
        asked.push('wiki');
        throw new Error('manifest has no Build timestamp');
      }),
      source('registry', async () => (asked.push('registry'), build('registry'))),
      source('never', async () => (asked.push('never'), build('wiki'))),
    ];
    expect((await findPreviousBuild('img', sources, log))?.foundIn).toBe('registry');
    expect(asked).toEqual(['out', 'wiki', 'registry']);
    expect(log.lines).toEqual([
      'img: no previous build in the out folder: no record x.json',
      // A broken source is skipped (with a warning), not fatal: the comparison is a report.
      'img: no previous build in the wiki: failed: manifest has no Build timestamp',
      'img: previous build from the registry: registry-ref',
    ]);
  });

  it('is undefined when no source has one, and lets an interruption through', async () => {
    expect(
      await findPreviousBuild('img', [source('out folder', async () => 'none')], new SilentLog()),
    ).toBeUndefined();
    const abort = new AbortController();
    abort.abort();
    const interrupted = source('registry', async () => {
      throw new Error('interrupted by SIGINT');
    });
    await expect(findPreviousBuild('img', [interrupted], new SilentLog(), abort.signal)).rejects.toThrow(
      'SIGINT',
    );
  });
});
