import type { FastifyInstance } from 'fastify';
import { createApiKey } from '../../src/catalog/api-keys.js';
import { buildCatalogApp } from '../../src/catalog/build-catalog-app.js';
import type { CatalogDatabase } from '../../src/catalog/open-catalog-database.js';
import { CATALOG_DATABASES } from './catalog-databases.js';

// Who may see and post the web pages, through app.inject (the browser flows are in pages.int.test.ts).
describe.each(CATALOG_DATABASES)('the catalog web pages’ access rules on $name', ({ open }) => {
  let database: CatalogDatabase;
  let app: FastifyInstance;
  let keyed: FastifyInstance;
  let reader: string;
  let writer: string;
  const cookie = (key: string) => ({ cookie: `stackhook_key=${encodeURIComponent(key)}` });
  const swTagForm =
    'TAGTYPE=c&IMAGETYPE=a&IMAGEARCH=x86_64&IMAGEPLATFORM=el9&IMAGECOMPILER=gcc13&PRODSTEP=reco' +
    '&SWRELEASE=1&DBRELEASE=current&DISTSWRELEASE=default&VERSION=1';
  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  beforeAll(async () => {
    database = await open();
    reader = await createApiKey(database.db, 'rita', 'reader');
    writer = await createApiKey(database.db, 'wendy', 'writer');
    app = await buildCatalogApp({ db: database.db, failuresPerMinute: 10 });
    keyed = await buildCatalogApp({ db: database.db, readsNeedKey: true, failuresPerMinute: 100 });
  });
  afterAll(async () => {
    await app?.close();
    await keyed?.close();
    await database?.db.destroy();
  });

  it('serves pages with a strict CSP and no scripts, and leaves them out of the OpenAPI document', async () => {
    const page = await app.inject('/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).not.toContain('<script');
    const paths = Object.keys((await app.inject('/openapi.json')).json().paths);
    expect(paths.filter((path) => !path.startsWith('/api/') && !path.startsWith('/ami/'))).toEqual([]);
  });

  it('logs in with a key into an HttpOnly, SameSite=Strict cookie, and only goes back to paths on this site', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/login',
      headers: form,
      payload: `key=${encodeURIComponent(writer)}&next=${encodeURIComponent('//evil.example/x')}`,
    });
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toBe('/');
    expect(String(login.headers['set-cookie'])).toMatch(
      /^stackhook_key=.+; Max-Age=28800; Path=\/; HttpOnly; SameSite=Strict$/,
    );
  });

  it.each([
    ['//evil.example/x', '/'],
    ['/\t/evil.example/x', '/'],
    ['/\\evil.example/x', '/'],
    ['https://evil.example/', '/'],
    ['/swtags/sw1?notice=x#image-2', '/swtags/sw1?notice=x#image-2'],
  ])('goes back after a login to %j as %j', async (next, location) => {
    const login = await app.inject({
      method: 'POST',
      url: '/login',
      headers: form,
      payload: `key=${encodeURIComponent(writer)}&next=${encodeURIComponent(next)}`,
    });
    expect(login.headers.location).toBe(location);
  });

  it('marks the cookie Secure behind an https proxy it trusts', async () => {
    const proxied = await buildCatalogApp({ db: database.db, trustProxy: true });
    try {
      const login = await proxied.inject({
        method: 'POST',
        url: '/login',
        headers: { ...form, 'x-forwarded-proto': 'https', 'x-forwarded-host': 'catalog.example.org' },
        payload: `key=${encodeURIComponent(writer)}`,
      });
      expect(String(login.headers['set-cookie'])).toContain('; Secure');
      // Its origin check sees the public host too.
      const posted = await proxied.inject({
        method: 'POST',
        url: '/logout',
        headers: { origin: 'https://catalog.example.org', 'x-forwarded-host': 'catalog.example.org' },
      });
      expect(posted.statusCode).toBe(303);
    } finally {
      await proxied.close();
    }
  });

  it('drops a stale session cookie without counting it as a failed login', async () => {
    for (let n = 0; n < 15; n++) {
      const page = await app.inject({ url: '/', headers: cookie('shk_000000000000_' + 'x'.repeat(43)) });
      expect(page.statusCode).toBe(200);
      expect(String(page.headers['set-cookie'])).toMatch(/^stackhook_key=; Max-Age=0; Path=\/; Expires=/);
    }
  });

  it('takes the session cookie on pages only: the REST API still wants a bearer key', async () => {
    const api = await app.inject({
      method: 'POST',
      url: '/api/v1/swtags',
      headers: { ...form, ...cookie(writer) },
      payload: swTagForm,
    });
    expect(api.statusCode).toBe(401);
    const page = await app.inject({
      method: 'POST',
      url: '/swtags',
      headers: { ...form, ...cookie(writer) },
      payload: swTagForm,
    });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/swtags/sw1?notice=created');
  });

  it('refuses form posts from other sites', async () => {
    for (const headers of [
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example' },
      { origin: 'not a url' },
    ]) {
      const posted = await app.inject({
        method: 'POST',
        url: '/swtags',
        headers: { ...form, ...cookie(writer), ...headers },
        payload: swTagForm,
      });
      expect(posted.statusCode).toBe(403);
      expect(posted.body).toContain('only from the catalog’s own pages');
    }
  });

  it('sends anonymous writers to log in, and shows a reader a 403 page', async () => {
    const anonymous = await app.inject('/swtags/new');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Fswtags%2Fnew');
    const asReader = await app.inject({ url: '/swtags/new', headers: cookie(reader) });
    expect(asReader.statusCode).toBe(403);
    expect(asReader.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(asReader.body).toContain('rita is a reader; this page needs a writer key');
  });

  it('asks for a key before any page when reads need one, and answers unknown SW-Tags with a 404 page', async () => {
    const anonymous = await keyed.inject('/?q=x');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/login?next=%2F%3Fq%3Dx');
    expect((await keyed.inject({ url: '/', headers: cookie(reader) })).statusCode).toBe(200);
    const stale = await keyed.inject({ url: '/', headers: cookie('shk_000000000000_gone') });
    expect(stale.statusCode).toBe(303);
    const odd = await keyed.inject({ url: '/swtags/sw1?notice=constructor', headers: cookie(reader) });
    expect(odd.statusCode).toBe(200);
    expect(odd.body).not.toContain('role="status"');
    const missing = await keyed.inject({ url: '/swtags/sw999', headers: cookie(reader) });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('sw999');
  });
});
