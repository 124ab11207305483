import type { FastifyInstance } from 'fastify';
import { createApiKey, verifyApiKey } from '../../src/service/auth/api-keys.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import { LoginSessions } from '../../src/service/auth/login-sessions.js';
import type { ServiceDatabase } from '../../src/server/open-service-database.js';
import { CATALOG_DATABASES } from './catalog-databases.js';

// Who may see and post the web pages, through app.inject (the browser flows are in pages.int.test.ts).
describe.each(CATALOG_DATABASES)('the catalog web pages’ access rules on $name', ({ open }) => {
  let database: ServiceDatabase;
  let app: FastifyInstance;
  let keyed: FastifyInstance;
  let reader: string;
  let writer: string;
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  /** Logs in with `key`; the session cookie that gives, as a request header. */
  const login = async (key: string) => {
    const response = await app.inject({
      method: 'POST',
      url: '/login',
      headers: form,
      payload: `key=${encodeURIComponent(key)}`,
    });
    expect(response.statusCode).toBe(303);
    const session = /^stackhook_session=([^;]+);/.exec(String(response.headers['set-cookie']))?.[1];
    return { cookie: `stackhook_session=${session}`, session: decodeURIComponent(session!) };
  };
  const cookie = (session: { cookie: string }) => ({ cookie: session.cookie });
  let readerSession: { cookie: string; session: string };
  let writerSession: { cookie: string; session: string };
  const swTagForm =
    'TAGTYPE=c&IMAGETYPE=a&IMAGEARCH=x86_64&IMAGEPLATFORM=el9&IMAGECOMPILER=gcc13&PRODSTEP=reco' +
    '&SWRELEASE=1&DBRELEASE=current&DISTSWRELEASE=default&VERSION=1';

  beforeAll(async () => {
    database = await open();
    reader = await createApiKey(database.db, 'rita', 'reader');
    writer = await createApiKey(database.db, 'wendy', 'writer');
    app = await buildServiceApp({ db: database.db, failuresPerMinute: 10 });
    keyed = await buildServiceApp({ db: database.db, readsNeedKey: true, failuresPerMinute: 100 });
    readerSession = await login(reader);
    writerSession = await login(writer);
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
    expect(page.headers['x-frame-options']).toBe('DENY');
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
      /^stackhook_session=.+; Max-Age=28800; Path=\/; HttpOnly; SameSite=Strict$/,
    );
  });

  it('keeps a login as a session: the cookie is not the key, and it ends at logout', async () => {
    const { cookie: header, session } = await login(writer);
    expect(session).not.toContain(writer.slice(17));
    expect(await verifyApiKey(database.db, session)).toBeUndefined();
    const bearer = await app.inject({
      url: '/api/v1/swtags',
      headers: { authorization: `Bearer ${session}` },
    });
    expect(bearer.statusCode).toBe(401);
    // Only a hash of the session id is stored.
    const stored = JSON.stringify(await database.db.selectFrom('login_session').selectAll().execute());
    expect(stored).not.toContain(session);
    expect((await app.inject({ url: '/swtags/new', headers: { cookie: header } })).statusCode).toBe(200);
    const logout = await app.inject({ method: 'POST', url: '/logout', headers: { cookie: header } });
    expect(logout.statusCode).toBe(303);
    expect(String(logout.headers['set-cookie'])).toMatch(/^stackhook_session=; Max-Age=0;/);
    // The browser may forget to drop it; the service has: the same cookie is a logged-out visitor now.
    const after = await app.inject({ url: '/swtags/new', headers: { cookie: header } });
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe('/login?next=%2Fswtags%2Fnew');
    const posted = await app.inject({
      method: 'POST',
      url: '/swtags',
      headers: { ...form, cookie: header },
      payload: swTagForm,
    });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe('/login?next=%2F');
  });

  it('takes an API key as a cookie no more, and drops the cookie older versions kept it in', async () => {
    const old = await app.inject({
      url: '/swtags/new',
      headers: { cookie: `stackhook_key=${encodeURIComponent(writer)}` },
    });
    expect(old.statusCode).toBe(303);
    expect(String(old.headers['set-cookie'])).toMatch(/^stackhook_key=; Max-Age=0; Path=\/; Expires=/);
    const asSession = await app.inject({
      url: '/swtags/new',
      headers: { cookie: `stackhook_session=${encodeURIComponent(writer)}` },
    });
    expect(asSession.statusCode).toBe(303);
  });

  it.each([
    ['//evil.example/x', '/'],
    ['/\t/evil.example/x', '/'],
    ['/\\evil.example/x', '/'],
    ['https://evil.example/', '/'],
    ['/.//evil.example', '/'],
    ['/./\\evil.example', '/'],
    ['/..//evil.example/x', '/'],
    ['///evil.example', '/'],
    ['/\\\\evil.example', '/'],
    ['%2F%2Fevil.example', '/'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
    ['/%5C%5Cevil.example', '/%5C%5Cevil.example'],
    ['HTTPS://evil.example', '/'],
    ['/\n/evil.example', '/'],
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

  it('marks the cookie Secure behind an https proxy it trusts (one hop)', async () => {
    const proxied = await buildServiceApp({ db: database.db, trustProxy: 1 });
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

  it('ends a session at its expiry, and sweeps ended ones at the next login', async () => {
    const sessions = new LoginSessions(database.db, 1);
    const { keyId } = (await verifyApiKey(database.db, writer))!;
    const id = await sessions.start(keyId);
    expect(await sessions.find(id)).toEqual({ keyId, username: 'wendy', role: 'writer' });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await sessions.find(id)).toBeUndefined();
    const rows = () => database.db.selectFrom('login_session').select('id_hash').execute();
    const before = (await rows()).length;
    await sessions.start(keyId);
    expect((await rows()).length).toBe(before); // one ended, one started
  });

  it('answers bad login keys with 429 past the limit, while a good key still logs in', async () => {
    const limited = await buildServiceApp({ db: database.db, failuresPerMinute: 3 });
    try {
      const attempt = (key: string) =>
        limited.inject({
          method: 'POST',
          url: '/login',
          headers: form,
          payload: `key=${encodeURIComponent(key)}`,
          remoteAddress: '10.0.3.1',
        });
      const statuses = [];
      for (let n = 0; n < 5; n++) statuses.push((await attempt('shk_nope')).statusCode);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      expect((await attempt(writer)).statusCode).toBe(303);
    } finally {
      await limited.close();
    }
  });

  it('drops a stale session cookie without counting it as a failed login', async () => {
    for (let n = 0; n < 15; n++) {
      const page = await app.inject({ url: '/', headers: { cookie: `stackhook_session=${'x'.repeat(43)}` } });
      expect(page.statusCode).toBe(200);
      expect(String(page.headers['set-cookie'])).toMatch(/^stackhook_session=; Max-Age=0; Path=\/; Expires=/);
    }
  });

  it('takes the session cookie on pages only: the REST API still wants a bearer key', async () => {
    const api = await app.inject({
      method: 'POST',
      url: '/api/v1/swtags',
      headers: { ...form, ...cookie(writerSession) },
      payload: swTagForm,
    });
    expect(api.statusCode).toBe(401);
    const page = await app.inject({
      method: 'POST',
      url: '/swtags',
      headers: { ...form, ...cookie(writerSession) },
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
      { origin: 'null' },
    ]) {
      const posted = await app.inject({
        method: 'POST',
        url: '/swtags',
        headers: { ...form, ...cookie(writerSession), ...headers },
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
    const asReader = await app.inject({ url: '/swtags/new', headers: cookie(readerSession) });
    expect(asReader.statusCode).toBe(403);
    expect(asReader.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(asReader.body).toContain('rita is a reader; this page needs a writer key');
  });

  it('asks for a key before any page when reads need one, and answers unknown SW-Tags with a 404 page', async () => {
    const anonymous = await keyed.inject('/?q=x');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/login?next=%2F%3Fq%3Dx');
    expect((await keyed.inject({ url: '/', headers: cookie(readerSession) })).statusCode).toBe(200);
    const stale = await keyed.inject({ url: '/', headers: { cookie: 'stackhook_session=gone' } });
    expect(stale.statusCode).toBe(303);
    const odd = await keyed.inject({ url: '/swtags/sw1?notice=constructor', headers: cookie(readerSession) });
    expect(odd.statusCode).toBe(200);
    expect(odd.body).not.toContain('role="status"');
    const missing = await keyed.inject({ url: '/swtags/sw999', headers: cookie(readerSession) });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('sw999');
  });
});
