import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import { openServiceDatabase, type ServiceDatabase } from '../../src/server/open-service-database.js';
import { CATALOG_DATABASES } from '../catalog/catalog-databases.js';
import { runCli, startCli } from '../support/run-cli.js';

// `stackhook catalog keys create|list|revoke` against a database a running catalog app uses too.
describe.each(CATALOG_DATABASES)('stackhook catalog keys on $name', ({ location }) => {
  let where: string;
  let database: ServiceDatabase;
  let app: FastifyInstance;
  const keys = (...args: string[]) => runCli(['catalog', 'keys', ...args, '--database', where], os.tmpdir());
  const created: Record<string, string> = {};

  beforeAll(async () => {
    where = await location();
    for (const [user, role] of [
      ['ops', 'writer'],
      ['rita', 'reader'],
    ]) {
      const result = await keys('create', '--user', user!, '--role', role!);
      expect(result.exitCode).toBe(0);
      created[user!] = result.stdout.trim();
    }
    database = await openServiceDatabase(where);
    app = await buildServiceApp({ db: database.db });
  });
  afterAll(async () => {
    await app?.close();
    await database?.db.destroy();
  });

  it('lists id, user, role, created and last used, never a secret', async () => {
    expect(
      (
        await app.inject({ url: '/api/v1/whoami', headers: { authorization: `Bearer ${created.ops}` } })
      ).json(),
    ).toEqual({ user: 'ops', role: 'writer' });
    const listed = await keys('list');
    expect(listed.exitCode).toBe(0);
    const lines = listed.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID +KEY +USER +ROLE +CREATED +LAST USED$/);
    expect(lines[1]).toMatch(
      /^1 +shk_[0-9a-f]{12}_… +ops +writer +\d{4}-\d\d-\d\d \d\d:\d\d +\d{4}-\d\d-\d\d \d\d:\d\d$/,
    );
    expect(lines[2]).toMatch(/^2 +shk_[0-9a-f]{12}_… +rita +reader +\d{4}-\d\d-\d\d \d\d:\d\d +never$/);
    const json = JSON.parse((await keys('list', '--json')).stdout) as Record<string, unknown>[];
    expect(json.map(({ id, username, role }) => ({ id, username, role }))).toEqual([
      { id: 1, username: 'ops', role: 'writer' },
      { id: 2, username: 'rita', role: 'reader' },
    ]);
    expect(json[0]!.lastUsed).toEqual(expect.stringMatching(/^\d{4}-/));
    for (const key of Object.values(created)) {
      expect(listed.stdout + JSON.stringify(json)).not.toContain(key.slice(17));
      expect(listed.stdout).toContain(key.slice(0, 16)); // the public prefix, to tell keys apart
    }
  });

  it('revokes a key: its bearer and its web logins stop working at once', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `key=${encodeURIComponent(created.ops!)}`,
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    expect((await app.inject({ url: '/swtags/new', headers: { cookie } })).statusCode).toBe(200);
    const revoked = await keys('revoke', '1');
    expect(revoked.exitCode).toBe(0);
    expect(revoked.stderr).toContain('API key 1 revoked');
    const bearer = await app.inject({
      url: '/api/v1/whoami',
      headers: { authorization: `Bearer ${created.ops}` },
    });
    expect(bearer.statusCode).toBe(401);
    const page = await app.inject({ url: '/swtags/new', headers: { cookie } });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/login?next=%2Fswtags%2Fnew');
    expect(await database.db.selectFrom('login_session').selectAll().execute()).toEqual([]);
    // The other key is untouched.
    expect(
      (
        await app.inject({ url: '/api/v1/whoami', headers: { authorization: `Bearer ${created.rita}` } })
      ).json(),
    ).toEqual({ user: 'rita', role: 'reader' });
    expect((await keys('list')).stdout).not.toMatch(/^1 /m);
  });

  it.each([
    ['1', /^error: 1: no API key has this id/m],
    ['99', /^error: 99: no API key has this id/m],
    ['ops', /^error: ops: not a key id/m],
  ])('refuses to revoke %j with exit 2, naming it', async (id, message) => {
    const result = await keys('revoke', id);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

describe('stackhook serve’s proxy and timeout options', () => {
  it.each([
    [['--trust-proxy'], /option '--trust-proxy <hops\|addresses>' argument missing/],
    [['--trust-proxy', 'true'], /^error: --trust-proxy: not a hop count, an IP address/m],
    [['--trust-proxy', '0'], /^error: --trust-proxy: a hop count is 1 to 32/m],
    [['--trust-proxy', '10.0.0.1,proxy.example.org'], /"proxy\.example\.org"/],
    [['--request-timeout', '0'], /^error: --request-timeout: not a number of seconds/m],
    [['--keep-alive-timeout', 'soon'], /^error: --keep-alive-timeout: not a number of seconds/m],
  ])('refuses %j with exit 2', async (options, message) => {
    const database = path.join(await mkdtemp(path.join(os.tmpdir(), 'stackhook-serve-options-')), 'c.sqlite');
    const server = startCli(['serve', '--port', '0', '--database', database, ...options], os.tmpdir());
    // Should the options be taken, a service would start: stopped, so the test fails rather than waits.
    const stop = setTimeout(() => server.kill('SIGKILL'), 20_000);
    const result = await server.finally(() => clearTimeout(stop));
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toMatch(message);
  });
});
