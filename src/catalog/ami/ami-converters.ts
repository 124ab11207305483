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

const XML_ESCAPES: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  "'": '&apos;',
  '"': '&quot;',
  // As references, so that no parser normalises them away (line ends, or spaces in attributes).
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * Text as XML 1.0 content or attribute value. Characters XML 1.0 can't carry at all, not even as references (C0
 * controls, lone surrogates, U+FFFE/U+FFFF), become U+FFFD: the answer stays well-formed whatever is stored.
 */
export const escapeXml = (value: string): string =>
  value
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '\ufffd')
    .replace(/[<>&'"\t\n\r]/g, (char) => XML_ESCAPES[char]!);

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

/** A value on one line: backslashes, line breaks and other controls as escapes, so no value can forge a row. */
export const escapeTextLine = (value: string): string =>
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  value.replace(/[\\\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => {
    const named: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });

/** Text: `NAME = value` lines, a blank line between rows, a `#rowset` header per rowset. */
export function amiText(rowsets: readonly AmiRowset[]): string {
  return rowsets
    .map((rowset) =>
      [
        `#rowset ${escapeTextLine(rowset.type)}`,
        ...rowset.rows.map((row) =>
          Object.entries(row)
            .map(([name, value]) => `${escapeTextLine(name)} = ${escapeTextLine(text(value))}`)
            .join('\n'),
        ),
      ].join('\n\n'),
    )
    .join('\n\n')
    .concat('\n');
}

/**
 * A CSV cell (RFC 4180). One a spreadsheet would take for a formula (starting with = + - @, a tab or a carriage
 * return) gets a leading single quote and is quoted, as OWASP's CSV-injection advice says.
 */
export const csvCell = (value: unknown): string => {
  const raw = text(value);
  const safe = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return safe !== raw || /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** CSV (RFC 4180), one table per rowset with a header row. */
export function amiCsv(rowsets: readonly AmiRowset[]): string {
  const cell = csvCell;
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
