import type { CatalogImage } from '../image-repository.js';
import { pullCommands, swTagImageTag } from '../image-reference.js';
import { SWTAG_FIELDS } from '../routes/ami-names.js';
import type { SwTag } from '../swtag-repository.js';
import { createdCell } from './created-cell.js';
import { html, type SafeHtml } from './html.js';

export interface SwTagPageView {
  tag: SwTag;
  images: CatalogImage[];
  canWrite: boolean;
  /** What the form that led here did: `created`, `existing` (AddSWTag of a known identity), `image-added`. */
  notice?: string;
}

const NOTICES: Record<string, string> = {
  created: 'SW-Tag created.',
  existing: 'A SW-Tag with these fields already existed: here it is (nothing was created).',
  'image-added': 'Image added.',
  'image-existing': 'This image was already registered under this SW-Tag (nothing was added).',
};

/** `/swtags/swN`: every field of the tag, then its images, newest first, each with its pull commands. */
export function swTagPage(view: SwTagPageView): SafeHtml {
  const { tag, images } = view;
  const notice = view.notice && Object.hasOwn(NOTICES, view.notice) ? NOTICES[view.notice] : undefined;
  return html` ${notice ? html`<p class="notice" role="status">${notice}</p>` : null}
    <dl class="record" id="swtag">
      ${SWTAG_FIELDS.map(
        (field) =>
          html`<dt>${field}</dt>
            <dd>${tag[field.toLowerCase() as keyof SwTag]}</dd>`,
      )}
    </dl>
    <h2>Images (${images.length})</h2>
    ${view.canWrite ? html`<p><a href="/swtags/${tag.tagname}/images/new">Add an image</a></p>` : null}
    ${
      images.length === 0
        ? html`<p class="muted">No image has been published under ${tag.tagname} yet.</p>`
        : html`<div class="scroll">
            <table id="images">
              <thead>
                <tr>
                  <th>ID</th>
                  <th>Repository</th>
                  <th>Tag</th>
                  <th>Pull</th>
                  <th>Created</th>
                </tr>
              </thead>
              <tbody>
                ${[...images].reverse().map((image) => {
                  const pull = pullCommands(image);
                  return html`<tr id="image-${image.id}">
                    <td>${image.id}</td>
                    <td><code>${image.registry}/${image.repository_user}/${image.repository_name}</code></td>
                    <td class="nowrap">
                      <code>${swTagImageTag(image.repository_swtag, image.repository_counter)}</code>
                    </td>
                    <td><code class="pull">${pull.byTag}</code><code class="pull">${pull.byDigest}</code></td>
                    ${createdCell(image)}
                  </tr>`;
                })}
              </tbody>
            </table>
          </div>`
    }`;
}
