import { historyLineYearMonth, insertHistoryLine, monthlyPageHeader } from './monthly-page.js';

const header = '# Images built during 2025-03\n\n| Date | Image | Links |\n| - | - | - |\n';
const line = (day: string, image = 'base'): string =>
  `| \`2025-03-${day}T08:00:00Z\` | \`r/o/${image}:x86_64-abc\` | [Build manifest](./x86_64-default-${image}-abc) |`;

describe('monthlyPageHeader', () => {
  it("is docker-stacks' header", () => {
    expect(monthlyPageHeader('2025-03')).toBe(header);
  });
});

describe('insertHistoryLine', () => {
  it.each<[string, string | undefined, string[], string, boolean]>([
    ['creates a missing page', undefined, [line('01')], `${header}${line('01')}\n`, true],
    [
      'puts the new line on top',
      `${header}${line('01')}\n`,
      [line('02')],
      `${header}${line('02')}\n${line('01')}\n`,
      true,
    ],
    [
      'keeps the page newest first whatever the order lines come in',
      undefined,
      [line('02'), line('03'), line('01')],
      `${header}${line('03')}\n${line('02')}\n${line('01')}\n`,
      true,
    ],
    [
      'puts an older build published late below the newer ones',
      `${header}${line('03')}\n${line('01')}\n`,
      [line('02')],
      `${header}${line('03')}\n${line('02')}\n${line('01')}\n`,
      true,
    ],
    [
      'does not add a line twice',
      `${header}${line('02')}\n${line('01')}\n`,
      [line('01')],
      `${header}${line('02')}\n${line('01')}\n`,
      false,
    ],
    [
      'adds a line once when given twice',
      undefined,
      [line('01'), line('01')],
      `${header}${line('01')}\n`,
      false,
    ],
  ])('%s', (_label, content, lines, expected, lastAdded) => {
    let page = content;
    let added = false;
    for (const each of lines)
      ({ content: page, added } = insertHistoryLine(page, '2025-03', each, 'page.md'));
    expect(page).toBe(expected);
    expect(added).toBe(lastAdded);
  });

  it('a line that merely contains a present line is new', () => {
    const longer = `${line('01').slice(0, -2)}<br />[Notes](./notes) |`;
    expect(insertHistoryLine(`${header}${longer}\n`, '2025-03', line('01'), 'p').added).toBe(true);
  });

  it('refuses a page without the header, naming it', () => {
    expect(() =>
      insertHistoryLine('# something else\n', '2025-03', line('01'), 'wiki monthly-files/2025/2025-03.md'),
    ).toThrow(/^wiki monthly-files\/2025\/2025-03\.md: monthly page does not start with the header/);
  });
});

describe('historyLineYearMonth', () => {
  it('is the month of the build timestamp', () => {
    expect(historyLineYearMonth(line('14'), 'h.txt')).toBe('2025-03');
  });

  it.each([
    ['an empty file', ''],
    ['no leading "| `"', '`2025-03-14T08:00:00Z` | x |'],
    ['a date without time', '| `2025-03-14` | x |'],
    ['two lines', `${line('01')}\n${line('02')}`],
    ['the oldest docker-stacks form', '|`2025-03-14T08:00:00Z`|x|'],
  ])('rejects %s, naming the file', (_label, text) => {
    expect(() => historyLineYearMonth(text, 'out/history/h.txt')).toThrow(
      /^out\/history\/h\.txt: not a build history line: expected one line starting with "\| `YYYY-MM-DDTHH:MM:SSZ` \|"$/,
    );
  });
});
