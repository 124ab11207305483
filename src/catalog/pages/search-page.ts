import type { CatalogImage } from '../image-repository.js';
import { pullCommands, swTagImageTag } from '../image-reference.js';
import { IMAGE_FIELDS, SWTAG_FIELDS } from '../routes/ami-names.js';
import { SWTAG_IDENTITY } from '../swtag-fields.js';
import type { SwTag } from '../swtag-repository.js';
import { createdCell } from './created-cell.js';
import { html, type SafeHtml } from './html.js';

export type SearchKind = 'swtags' | 'images';

export interface SearchRequest {
  kind: SearchKind;
  /** An AMI field name, or `any`. */
  field: string;
  q: string;
  page: number;
}

export type SearchResult =
  { kind: 'swtags'; rows: SwTag[]; total: number } | { kind: 'images'; rows: CatalogImage[]; total: number };

export const PAGE_SIZE = 50;

export function searchFields(kind: SearchKind): readonly string[] {
  return kind === 'swtags' ? SWTAG_FIELDS : IMAGE_FIELDS;
}

/** `/`: one box searches SW-Tags or images, in one field or any, and the matches below it. */
export function searchPage(request: SearchRequest, result: SearchResult): SafeHtml {
  const fields = searchFields(request.kind);
  const first = result.total === 0 ? 0 : (request.page - 1) * PAGE_SIZE + 1;
  const last = Math.min(request.page * PAGE_SIZE, result.total);
  const link = (page: number) =>
    `/?${new URLSearchParams({ kind: request.kind, field: request.field, q: request.q, page: String(page) })}`;
  return html` <form class="search" method="get" action="/" role="search">
      <div>
        <label for="kind">Search</label>
        <select id="kind" name="kind">
          <option value="swtags" ${request.kind === 'swtags' ? 'selected' : ''}>SW-Tags</option>
          <option value="images" ${request.kind === 'images' ? 'selected' : ''}>Images</option>
        </select>
      </div>
      <div>
        <label for="field">in field</label>
        <select id="field" name="field">
          <option value="any">any field</option>
          ${fields.map((field) => html`<option value="${field}" ${field === request.field ? 'selected' : ''}>${field}</option>`)}
        </select>
      </div>
      <div>
        <label for="q">containing</label>
        <input
          id="q"
          name="q"
          type="search"
          value="${request.q}"
          size="32"
          placeholder="e.g. x86_64 or 24.0.1"
        />
      </div>
      <button type="submit">Search</button>
    </form>
    <p class="muted" id="result-count">
      ${result.total === 0 ? 'Nothing found.' : `${first}–${last} of ${result.total}`}
    </p>
    ${result.kind === 'swtags' ? swTagTable(result.rows) : imageTable(result.rows)}
    <div class="pager">
      ${request.page > 1 ? html`<a href="${link(request.page - 1)}" rel="prev">← Previous</a>` : null}
      ${last < result.total ? html`<a href="${link(request.page + 1)}" rel="next">Next →</a>` : null}
    </div>`;
}

const SWTAG_COLUMNS = [...SWTAG_IDENTITY, 'comment'] as const;

function swTagTable(rows: SwTag[]): SafeHtml | null {
  if (rows.length === 0) return null;
  return html`<div class="scroll">
    <table id="swtags">
      <thead>
        <tr>
          <th>TAGNAME</th>
          ${SWTAG_COLUMNS.map((column) => html`<th>${column.toUpperCase()}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (tag) =>
            html`<tr>
              <td><a href="/swtags/${tag.tagname}">${tag.tagname}</a></td>
              ${SWTAG_COLUMNS.map((column) => html`<td>${tag[column]}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function imageTable(rows: CatalogImage[]): SafeHtml | null {
  if (rows.length === 0) return null;
  return html`<div class="scroll">
    <table id="images">
      <thead>
        <tr>
          <th>ID</th>
          <th>Image</th>
          <th>SW-Tag</th>
          <th>Pull</th>
          <th>Created</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map((image) => {
          const tag = swTagImageTag(image.repository_swtag, image.repository_counter);
          return html`<tr>
            <td>${image.id}</td>
            <td class="nowrap">
              <code>${image.registry}/${image.repository_user}/${image.repository_name}:${tag}</code>
            </td>
            <td>
              <a href="/swtags/${image.repository_swtag}#image-${image.id}">${image.repository_swtag}</a>
            </td>
            <td><code class="pull">${pullCommands(image).byDigest}</code></td>
            ${createdCell(image)}
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}
