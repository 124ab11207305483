import { githubTable, type TableCell } from './github-table.js';

// Expected texts are Python tabulate 0.10's `tabulate(rows, headers, tablefmt="github")` output.
describe('githubTable', () => {
  it.each<[string, string[], TableCell[][], string]>([
    [
      'numbers right-aligned (header too), strings left-aligned, widths from the longest cell',
      ['Month', 'Builds', 'Images', 'Commits'],
      [
        [
          '[`2025-03`](./2025-03)',
          12,
          264,
          '[40](https://github.com/o/r/commits/main/?since=2025-03-01&until=2025-03-31)',
        ],
        ['**Total**', 1234567, 5, '7'],
      ],
      [
        '| Month                  |   Builds |   Images | Commits                                                                      |',
        '|------------------------|----------|----------|------------------------------------------------------------------------------|',
        '| [`2025-03`](./2025-03) |       12 |      264 | [40](https://github.com/o/r/commits/main/?since=2025-03-01&until=2025-03-31) |',
        '| **Total**              |  1234567 |        5 | 7                                                                            |',
      ].join('\n'),
    ],
    [
      'a column of numbers only is numeric; header + 2 is the minimum width',
      ['Month', 'Builds', 'Images', 'Commits'],
      [
        ['[`2024-02`](./2024-02)', 1, 1, 1234567890],
        ['**Total**', 1, 1, 1234567890],
      ],
      [
        '| Month                  |   Builds |   Images |    Commits |',
        '|------------------------|----------|----------|------------|',
        '| [`2024-02`](./2024-02) |        1 |        1 | 1234567890 |',
        '| **Total**              |        1 |        1 | 1234567890 |',
      ].join('\n'),
    ],
    [
      'a column mixing numbers and text is text',
      ['Month', 'Builds'],
      [
        ['a', 1],
        ['b', 'x'],
      ],
      [
        '| Month   | Builds   |',
        '|---------|----------|',
        '| a       | 1        |',
        '| b       | x        |',
      ].join('\n'),
    ],
  ])('%s', (_label, headers, rows, expected) => {
    expect(githubTable(headers, rows)).toBe(expected);
  });
});
