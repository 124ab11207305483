import { escapeHtml, html } from './html.js';

describe('html', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['" onmouseover="x', '&quot; onmouseover=&quot;x'],
    ["'; DROP TABLE swtag; --", '&#39;; DROP TABLE swtag; --'],
    ['a & b', 'a &amp; b'],
    ['plain', 'plain'],
  ])('escapes %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
    expect(html`<td title="${input}">${input}</td>`.value).toBe(`<td title="${expected}">${expected}</td>`);
  });

  it('nests templates without escaping them twice, renders arrays, drops null, undefined and false', () => {
    const rows = ['<a>', 'b'].map((cell) => html`<li>${cell}</li>`);
    // prettier-ignore
    const list = html`<ul>${rows}${null}${undefined}${false}${0}</ul>`;
    expect(list.value).toBe('<ul><li>&lt;a&gt;</li><li>b</li>0</ul>');
  });
});
