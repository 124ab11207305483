import { html, type SafeHtml } from './html.js';

/** `/login`: paste an API key (`stackhook catalog keys create`); the pages then act as its user. */
export function loginPage(next: string, problem?: string): SafeHtml {
  return html` ${problem ? html`<div class="alert" role="alert" id="form-errors">${problem}</div>` : null}
    <p>
      Paste the API key an admin made for you with <code>stackhook catalog keys create</code>. Writers and
      admins can define SW-Tags and add images; readers can browse when the catalog needs a key to read.
    </p>
    <form method="post" action="/login">
      <input type="hidden" name="next" value="${next}" />
      <div class="fields">
        <div>
          <label for="key">API key</label>
          <input id="key" name="key" type="password" autocomplete="current-password" size="48" required />
        </div>
      </div>
      <button type="submit">Log in</button>
    </form>`;
}

/**
 * Only places on this site may be gone back to after a login: `next` is resolved against a placeholder origin
 * (as a browser would, dropping tabs and newlines, reading `\` as `/`) and refused unless it stays there, and
 * unless its path still starts with one `/` (`/.//evil.example` resolves to the path `//evil.example`, which a
 * Location header would send to another host).
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/')) return '/';
  try {
    const resolved = new URL(next, 'http://catalog.invalid');
    if (resolved.origin !== 'http://catalog.invalid' || resolved.pathname.startsWith('//')) return '/';
    return `${resolved.pathname}${resolved.search}${resolved.hash}`;
  } catch {
    return '/';
  }
}
