import { homePage } from './home-page.js';
import { HOME_TEMPLATE, YEAR_MONTHLY_TABLES } from './home-template.js';
import type { MonthStats } from './month-stats.js';

const template = `# Builds of {REPOSITORY}\n\nSee {REPOSITORY}.\nAlways here.\n${YEAR_MONTHLY_TABLES}\nmanual text below the marker\n`;
const months: MonthStats[] = [
  { yearMonth: '2025-01', builds: 12, images: 120, commits: 40 },
  { yearMonth: '2024-12', builds: 0, images: 1, commits: 0 },
  { yearMonth: '2025-02', builds: 3, images: 10, commits: 7 },
];
const url = (count: number, since: string, until: string): string =>
  `[${count}](https://github.com/o/r/commits/main/?since=${since}&until=${until})`;

describe('homePage', () => {
  it('cuts the template after the marker, then one table per year, newest first, with totals', () => {
    // The tables are Python tabulate 0.10's output for the same rows (tablefmt="github").
    expect(homePage({ template, repository: 'o/r', months })).toBe(
      [
        '# Builds of o/r',
        '',
        'See o/r.',
        'Always here.',
        YEAR_MONTHLY_TABLES,
        '',
        '## 2025',
        '',
        '| Month                  |   Builds |   Images | Commits                                                                      |',
        '|------------------------|----------|----------|------------------------------------------------------------------------------|',
        `| [\`2025-02\`](./2025-02) |        3 |       10 | ${url(7, '2025-02-01', '2025-02-28')}  |`,
        `| [\`2025-01\`](./2025-01) |       12 |      120 | ${url(40, '2025-01-01', '2025-01-31')} |`,
        `| **Total**              |       15 |      130 | ${url(47, '2025-01-01', '2025-12-31')} |`,
        '',
        '## 2024',
        '',
        '| Month                  |   Builds |   Images | Commits                                                                     |',
        '|------------------------|----------|----------|-----------------------------------------------------------------------------|',
        `| [\`2024-12\`](./2024-12) |        0 |        1 | ${url(0, '2024-12-01', '2024-12-31')} |`,
        `| **Total**              |        0 |        1 | ${url(0, '2024-01-01', '2024-12-31')} |`,
        '',
      ].join('\n'),
    );
  });

  it('without a repository: plain, right-aligned commit counts and no lines naming the repository', () => {
    expect(homePage({ template, repository: undefined, months: [months[1]!] })).toBe(
      [
        '',
        'Always here.',
        YEAR_MONTHLY_TABLES,
        '',
        '## 2024',
        '',
        '| Month                  |   Builds |   Images |   Commits |',
        '|------------------------|----------|----------|-----------|',
        '| [`2024-12`](./2024-12) |        0 |        1 |         0 |',
        '| **Total**              |        0 |        1 |         0 |',
        '',
      ].join('\n'),
    );
  });

  it.each<[string, string]>([
    ['2024-02', '2024-02-29'],
    ['2025-02', '2025-02-28'],
    ['2025-04', '2025-04-30'],
    ['2025-12', '2025-12-31'],
  ])('links %s up to its last day', (yearMonth, until) => {
    const page = homePage({
      template,
      repository: 'o/r',
      months: [{ yearMonth, builds: 1, images: 1, commits: 1 }],
    });
    expect(page).toContain(`since=${yearMonth}-01&until=${until})`);
  });

  it('with no months: just the template head', () => {
    expect(homePage({ template, repository: 'o/r', months: [] })).toBe(
      `# Builds of o/r\n\nSee o/r.\nAlways here.\n${YEAR_MONTHLY_TABLES}\n`,
    );
  });

  it('the built-in template names the repository and has the marker', () => {
    const page = homePage({ template: HOME_TEMPLATE, repository: 'o/r', months: [] });
    expect(page).toContain('`git clone git@github.com:o/r.wiki.git`');
    expect(page.endsWith(`${YEAR_MONTHLY_TABLES}\n`)).toBe(true);
    expect(homePage({ template: HOME_TEMPLATE, repository: undefined, months: [] })).not.toMatch(
      /REPOSITORY|github\.com:/,
    );
  });

  it('refuses a template without the marker, naming it', () => {
    expect(() =>
      homePage({ template: '# Home\n', repository: undefined, months, templateName: 'home.md' }),
    ).toThrow(`home.md: Home.md template has no ${YEAR_MONTHLY_TABLES} marker`);
  });
});
