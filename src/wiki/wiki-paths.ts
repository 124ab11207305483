import path from 'node:path';

/** docker-stacks' wiki layout: manifests/YYYY/YYYY-MM/<stem>.md, monthly-files/YYYY/YYYY-MM.md, Home.md. */
export const MANIFESTS_DIR = 'manifests';
export const MONTHLY_DIR = 'monthly-files';
export const HOME_PAGE = 'Home.md';

/** `2025-03` from `2025-03-14T08:00:00Z`. */
export function yearMonthOf(timestamp: string): string {
  return timestamp.slice(0, 7);
}

export function manifestWikiPath(wikiDir: string, timestamp: string, fileName: string): string {
  const yearMonth = yearMonthOf(timestamp);
  return path.join(wikiDir, MANIFESTS_DIR, yearMonth.slice(0, 4), yearMonth, fileName);
}

export function monthlyPagePath(wikiDir: string, yearMonth: string): string {
  return path.join(wikiDir, MONTHLY_DIR, yearMonth.slice(0, 4), `${yearMonth}.md`);
}
