import { simpleGit } from 'simple-git';
import type { Log } from '../log/log.js';

/** Counts the commits of one month (YYYY-MM) in the repository the images are built from. */
export type CommitCounter = (yearMonth: string) => Promise<number>;

/** The month's first and last second, UTC: git's --since and --until both include their own second. */
function monthBounds(yearMonth: string): [string, string] {
  const [year, month] = yearMonth.split('-').map(Number) as [number, number];
  const iso = (date: number): string => new Date(date).toISOString().replace('.000Z', 'Z');
  return [iso(Date.UTC(year, month - 1, 1)), iso(Date.UTC(year, month, 1) - 1000)];
}

/**
 * docker-stacks' `git log --oneline --since <month>.midnight --until <next month>.midnight --first-parent`
 * (TZ=UTC), run in `sourceDir`, except that a commit at midnight on the 1st counts in one month, not in both. Without a usable repository every month counts 0 commits: the wiki still
 * gets its pages. Results are cached: Home.md is regenerated on every retry.
 */
export function sourceCommitCounter(sourceDir: string | undefined, log: Log): CommitCounter {
  const cache = new Map<string, Promise<number>>();
  let warned = false;
  const count = async (yearMonth: string): Promise<number> => {
    if (!sourceDir) return 0;
    try {
      const git = simpleGit({ baseDir: sourceDir });
      const [since, until] = monthBounds(yearMonth);
      const output = await git.raw([
        'log',
        '--oneline',
        '--first-parent',
        '--since',
        since,
        '--until',
        until,
      ]);
      return output.split('\n').filter(Boolean).length;
    } catch (error) {
      if (!warned)
        log.warn(`cannot count commits in ${sourceDir}, Home.md shows 0: ${(error as Error).message}`);
      warned = true;
      return 0;
    }
  };
  return (yearMonth) => {
    let result = cache.get(yearMonth);
    if (!result) cache.set(yearMonth, (result = count(yearMonth)));
    return result;
  };
}
