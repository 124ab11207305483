import { inputError } from '../errors/stackhook-error.js';
import { githubTable } from './github-table.js';
import { YEAR_MONTHLY_TABLES } from './home-template.js';
import type { MonthStats } from './month-stats.js';

export interface HomePageInput {
  template: string;
  /** GitHub owner/name: links the commit counts; undefined leaves them plain numbers. */
  repository: string | undefined;
  /** Every month that has a page, in any order. */
  months: readonly MonthStats[];
  /** Names the template in errors. */
  templateName?: string;
}

const HEADERS = ['Month', 'Builds', 'Images', 'Commits'];

function lastDayOfMonth(yearMonth: string): string {
  const [year, month] = yearMonth.split('-').map(Number) as [number, number];
  return String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0');
}

/** docker-stacks' write_home_wiki_page: the template up to the marker, then one table per year, newest first. */
export function homePage(input: HomePageInput): string {
  const { template, repository } = input;
  const cut = template.indexOf(YEAR_MONTHLY_TABLES);
  if (cut < 0) throw inputError(`Home.md template has no ${YEAR_MONTHLY_TABLES} marker`, input.templateName);
  const head = template
    .slice(0, cut + YEAR_MONTHLY_TABLES.length)
    .split('\n')
    .filter((line) => repository !== undefined || !line.includes('{REPOSITORY}'))
    .join('\n')
    .replaceAll('{REPOSITORY}', repository ?? '');

  const commits = (count: number, since: string, until: string): string | number =>
    repository
      ? `[${count}](https://github.com/${repository}/commits/main/?since=${since}&until=${until})`
      : count;
  const months = [...input.months].sort((a, b) => (a.yearMonth < b.yearMonth ? 1 : -1));
  const years = [...new Set(months.map((month) => month.yearMonth.slice(0, 4)))];
  let tables = '';
  for (const year of years) {
    const ofYear = months.filter((month) => month.yearMonth.startsWith(`${year}-`));
    const rows = ofYear.map((month) => [
      `[\`${month.yearMonth}\`](./${month.yearMonth})`,
      month.builds,
      month.images,
      commits(
        month.commits,
        `${month.yearMonth}-01`,
        `${month.yearMonth}-${lastDayOfMonth(month.yearMonth)}`,
      ),
    ]);
    const total = (key: 'builds' | 'images' | 'commits'): number =>
      ofYear.reduce((sum, month) => sum + month[key], 0);
    rows.push([
      '**Total**',
      total('builds'),
      total('images'),
      commits(total('commits'), `${year}-01-01`, `${year}-12-31`),
    ]);
    tables += `\n\n## ${year}\n\n${githubTable(HEADERS, rows)}`;
  }
  return `${head}${tables}\n`;
}
