import { html, type SafeHtml } from './html.js';

/** When and by whom a record was made, as a table cell (minutes are enough on a page). */
export function createdCell(record: { created: string; createdby: string }): SafeHtml {
  return html`<td class="nowrap">
    ${record.created.slice(0, 16).replace('T', ' ')}<br /><span class="muted">${record.createdby}</span>
  </td>`;
}
