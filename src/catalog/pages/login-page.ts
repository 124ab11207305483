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

/** Only paths on this site may be gone back to after a login (no `//host` or `https://...`). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/';
}
