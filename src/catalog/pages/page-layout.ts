import type { Actor } from '../../service/auth/actor.js';
import { html, type SafeHtml } from './html.js';

export interface PageFrame {
  title: string;
  actor: Actor;
  /** The page's own path, where a login comes back to. */
  path: string;
  body: SafeHtml;
}

/** The frame every catalog page shares: title, navigation, who is logged in. No scripts anywhere. */
export function pageLayout(frame: PageFrame): string {
  const { actor } = frame;
  const canWrite = actor.role === 'writer' || actor.role === 'admin';
  const session = actor.role
    ? html`<span class="who">${actor.user} (${actor.role})</span>
        <form method="post" action="/logout" class="inline"><button type="submit">Log out</button></form>`
    : html`<a href="/login?next=${encodeURIComponent(frame.path)}">Log in</a>`;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${frame.title} · stackhook SW-Tag catalog</title>
        <link rel="stylesheet" href="/catalog.css" />
      </head>
      <body>
        <header>
          <a class="brand" href="/">stackhook SW-Tag catalog</a>
          <nav>
            <a href="/">Search</a>
            ${canWrite ? html`<a href="/swtags/new">New SW-Tag</a>` : null}
            <a href="/openapi.json">API</a>
            ${session}
          </nav>
        </header>
        <main>
          <h1>${frame.title}</h1>
          ${frame.body}
        </main>
      </body>
    </html> `.value;
}
