import type { AmiRowset } from './ami-rowset.js';

export const AMI_CONVERTERS = ['json', 'xml', 'text', 'csv'] as const;
export type AmiConverter = (typeof AMI_CONVERTERS)[number];

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/** AMI's JSON: AMIMessage.Result.rowset[] of { @type, row[] of { field[] of { @name, $ } } }. */
export function amiJson(command: string, rowsets: readonly AmiRowset[]): string {
  return JSON.stringify({
    AMIMessage: {
      command,
      Result: {
        rowset: rowsets.map((rowset) => ({
          '@type': rowset.type,
          row: rowset.rows.map((row) => ({
            field: Object.entries(row).map(([name, value]) => ({ '@name': name, $: text(value) })),
          })),
        })),
      },
    },
  });
}

const escapeXml = (value: string): string =>
  value.replace(
    /[<>&'"]/g,
    (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char]!,
  );

/** AMI's XML: <AMIMessage><Result><rowset type="..."><row><field name="...">value</field>... */
export function amiXml(command: string, rowsets: readonly AmiRowset[]): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<AMIMessage>',
    `<command>${escapeXml(command)}</command>`,
    '<Result>',
  ];
  for (const rowset of rowsets) {
    lines.push(`<rowset type="${escapeXml(rowset.type)}">`);
    for (const row of rowset.rows) {
      lines.push('<row>');
      for (const [name, value] of Object.entries(row))
        lines.push(`<field name="${escapeXml(name)}">${escapeXml(text(value))}</field>`);
      lines.push('</row>');
    }
    lines.push('</rowset>');
  }
  lines.push('</Result>', '</AMIMessage>');
  return `${lines.join('\n')}\n`;
}

/** Text: `NAME = value` lines, a blank line between rows, a `#rowset` header per rowset. */
export function amiText(rowsets: readonly AmiRowset[]): string {
  return rowsets
    .map((rowset) =>
      [
        `#rowset ${rowset.type}`,
        ...rowset.rows.map((row) =>
          Object.entries(row)
            .map(([name, value]) => `${name} = ${text(value)}`)
            .join('\n'),
        ),
      ].join('\n\n'),
    )
    .join('\n\n')
    .concat('\n');
}

/** CSV (RFC 4180), one table per rowset with a header row. */
export function amiCsv(rowsets: readonly AmiRowset[]): string {
  const cell = (value: unknown): string => {
    const raw = text(value);
    return /[",\r\n]/.test(raw) ? `"${raw.replace(/"/g, '""')}"` : raw;
  };
  return rowsets
    .map((rowset) => {
      const columns = [...new Set(rowset.rows.flatMap((row) => Object.keys(row)))];
      return [
        columns.map(cell).join(','),
        ...rowset.rows.map((row) => columns.map((column) => cell(row[column])).join(',')),
      ].join('\r\n');
    })
    .join('\r\n\r\n')
    .concat('\r\n');
}

export const CONTENT_TYPES: Record<AmiConverter, string> = {
  json: 'application/json',
  xml: 'application/xml',
  text: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

export function convert(converter: AmiConverter, command: string, rowsets: readonly AmiRowset[]): string {
  if (converter === 'json') return amiJson(command, rowsets);
  if (converter === 'xml') return amiXml(command, rowsets);
  if (converter === 'text') return amiText(rowsets);
  return amiCsv(rowsets);
}
