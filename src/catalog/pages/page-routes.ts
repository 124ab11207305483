import type { FastifyError, FastifyInstance } from 'fastify';
import { errorProblem } from '../../service/problems/error-problem.js';
import { browseRoutes } from './browse-routes.js';
import { html } from './html.js';
import { pageLayout } from './page-layout.js';
import { PAGE_STYLE } from './page-style.js';
import { sessionRoutes } from './session-routes.js';
import { writeRoutes } from './write-routes.js';

/** No scripts, no inline styles, no framing, forms only to this site. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** The catalog's web pages at `/`: search, SW-Tag pages, writers' forms, login. Errors are pages too. */
export async function pageRoutes(app: FastifyInstance): Promise<void> {
  // Pages are not part of the API description.
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, hide: true };
  });
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    void reply.header('referrer-policy', 'same-origin');
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, detail } = errorProblem(error, request);
    if (status >= 500) request.log.error({ err: error }, `${request.method} ${request.url} failed`);
    const body = html`<div class="alert" role="alert">
        ${status >= 500 ? `The catalog failed to answer (request id ${request.id}).` : detail}
      </div>
      <p><a href="/">Back to the search</a></p>`;
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(
        pageLayout({
          title: `Error ${status}`,
          actor: request.actor ?? { user: 'anonymous' },
          path: '/',
          body,
        }),
      );
  });
  app.get('/catalog.css', { config: { role: 'open' } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'max-age=3600').send(PAGE_STYLE),
  );
  await app.register(sessionRoutes);
  await app.register(browseRoutes);
  await app.register(writeRoutes);
}
