import type { AmiAnswer } from './ami-answer.js';
import type { AmiFormat } from './ami-converter-names.js';

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/**
 * AMI's JSON as pyAMI's dict_object reads it: every element a one-element array, as AMI's stylesheet writes
 * them (`AMIMessage[0].Result[0].rowset[]`, `row[].field[]` of `{ @name, $ }`), errors in `AMIMessage[0].error[].$`.
 */
export function amiJson({ command, rowsets, errors }: AmiAnswer): string {
  return JSON.stringify({
    AMIMessage: [
      {
        command: [{ $: command }],
        ...(errors.length > 0 ? { error: errors.map((error) => ({ $: error })) } : {}),
        Result: [
          {
            rowset: rowsets.map((rowset) => ({
              '@type': rowset.type,
              row: rowset.rows.map((row) => ({
                field: Object.entries(row).map(([name, value]) => ({ '@name': name, $: text(value) })),
              })),
            })),
          },
        ],
      },
    ],
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

/** AMI's XML: <AMIMessage><error>...</error><Result><rowset type="..."><row><field name="...">value</field>... */
export function amiXml({ command, rowsets, errors }: AmiAnswer): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<AMIMessage>',
    `<command>${escapeXml(command)}</command>`,
    ...errors.map((error) => `<error>${escapeXml(error)}</error>`),
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

/** A text value inside AMI's double quotes: on one line, with its own quotes escaped. */
const quotedTextLine = (value: string): string => escapeTextLine(value).replace(/"/g, '\\"');

/**
 * AMI's text layout: `#AMI Result`, a blank line, `Error: ...` lines, then per rowset `Rowset: TYPE` and per
 * row `  -> row` with `    -> NAME = "value"` lines; `#` ends it.
 */
export function amiText({ rowsets, errors }: AmiAnswer): string {
  const lines = ['#AMI Result', '', ...errors.map((error) => `Error: ${escapeTextLine(error)}`)];
  for (const rowset of rowsets) {
    lines.push(`Rowset: ${escapeTextLine(rowset.type)}`);
    for (const row of rowset.rows) {
      lines.push('  -> row');
      for (const [name, value] of Object.entries(row))
        lines.push(`    -> ${escapeTextLine(name)} = "${quotedTextLine(text(value))}"`);
    }
  }
  return `${lines.join('\n')}\n#\n`;
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

/** CSV (RFC 4180), one table per rowset with a header row; errors as `#ERROR ...` lines first, as AMI's CSV. */
export function amiCsv({ rowsets, errors }: AmiAnswer): string {
  const cell = csvCell;
  const tables = rowsets.map((rowset) => {
    const columns = [...new Set(rowset.rows.flatMap((row) => Object.keys(row)))];
    return [
      columns.map(cell).join(','),
      ...rowset.rows.map((row) => columns.map((column) => cell(row[column])).join(',')),
    ].join('\r\n');
  });
  const lines = errors.map((error) => `#ERROR ${escapeTextLine(error)}\r\n`);
  return lines.join('').concat(tables.length > 0 ? `${tables.join('\r\n\r\n')}\r\n` : '');
}

export const CONTENT_TYPES: Record<AmiFormat, string> = {
  json: 'application/json',
  xml: 'application/xml',
  text: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

export function convert(format: AmiFormat, answer: AmiAnswer): string {
  if (format === 'json') return amiJson(answer);
  if (format === 'xml') return amiXml(answer);
  if (format === 'text') return amiText(answer);
  return amiCsv(answer);
}
