export type TableCell = string | number;

/**
 * The same text as Python's `tabulate(rows, headers, tablefmt="github")`, which docker-stacks uses for Home.md:
 * a column is at least its header plus 2 wide, numeric columns (every cell a number) are right-aligned, header
 * included, and the separator row has no alignment colons. No trailing newline.
 */
export function githubTable(headers: readonly string[], rows: readonly (readonly TableCell[])[]): string {
  const columns = headers.map((header, index) => {
    const cells = rows.map((row) => row[index] ?? '');
    const numeric = cells.length > 0 && cells.every((cell) => typeof cell === 'number');
    const texts = cells.map(String);
    const width = Math.max(header.length + 2, ...texts.map((text) => text.length));
    return { header, texts, width, numeric };
  });
  const pad = (text: string, column: (typeof columns)[number]): string =>
    column.numeric ? text.padStart(column.width) : text.padEnd(column.width);
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [
    line(columns.map((column) => pad(column.header, column))),
    `|${columns.map((column) => '-'.repeat(column.width + 2)).join('|')}|`,
    ...rows.map((_, rowIndex) => line(columns.map((column) => pad(column.texts[rowIndex]!, column)))),
  ].join('\n');
}
