import os from 'node:os';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import type { ServiceDatabase } from '../../src/server/open-service-database.js';
import { PACKAGE_ROOT, stateDir } from '../../src/environment/state-dir.js';
import { CATALOG_DATABASES } from './catalog-databases.js';
import { amiErrorText } from './ami-error-text.js';
import { injectAs } from './inject-as.js';
import { AMI_SWTAG } from './swtag-identity.js';

// Issue 13 point 6: conflicts are 409s, out-of-range numbers 400s, failures 500s that say nothing but where the
// log has them; on both databases, which report the same errors differently.
const swTag = AMI_SWTAG;
const digest = (n: number) => `sha256:${String(n).padStart(64, '0')}`;
const image = (n: number) => ({
  REGISTRY: 'registry.example.org',
  REPOSITORY_USER: 'atlas',
  REPOSITORY_NAME: 'athena',
  REPOSITORY_SWTAG: 'sw1',
  HASH_DIGEST: digest(n),
});
/** What a database's own error text looks like: none of it may reach a client. */
const DATABASE_TEXT =
  /constraint|duplicate key|UNIQUE|SQLITE|relation|no such table|select |insert |update /i;

describe.each(CATALOG_DATABASES)('catalog errors on $name', ({ open }) => {
  let database: ServiceDatabase;
  let app: FastifyInstance;
  let admin: string;
  const log: Record<string, unknown>[] = [];
  const inject = injectAs(
    () => app,
    () => admin,
  );
  const ami = (Command: string) =>
    inject({ method: 'POST', url: '/ami/command', payload: { Command, Converter: 'json' } });
  const problem = (response: { json: () => unknown }) =>
    response.json() as { status: number; detail: string; requestId: string };

  beforeAll(async () => {
    database = await open();
    admin = await createApiKey(database.db, 'alice', 'admin');
    app = await buildServiceApp({
      db: database.db,
      logger: { level: 'warn', stream: { write: (line: string) => log.push(JSON.parse(line)) } },
    });
    for (const payload of [swTag, { ...swTag, VERSION: '2' }])
      expect((await inject({ method: 'POST', url: '/api/v1/swtags', payload })).statusCode).toBe(201);
    for (const n of [1, 2])
      expect((await inject({ method: 'POST', url: '/api/v1/images', payload: image(n) })).statusCode).toBe(
        201,
      );
  });
  afterAll(async () => {
    await app?.close();
    await database?.db.destroy();
  });

  it("PATCHing one SW-Tag's identity onto another's is a 409 naming the other, over REST and AMI", async () => {
    const patched = await inject({ method: 'PATCH', url: '/api/v1/swtags/sw2', payload: { VERSION: '1' } });
    expect(patched.statusCode).toBe(409);
    expect(patched.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(problem(patched).detail).toContain('sw1 already has this identity');
    expect(problem(patched).detail).not.toMatch(DATABASE_TEXT);
    const updated = await ami('UpdateSWTag -tagName=sw2 -VERSION=1');
    expect(updated.statusCode).toBe(409);
    expect(amiErrorText(updated)).toContain('sw1 already has this identity');
    expect((await inject('/api/v1/swtags/sw2')).json().VERSION).toBe('2');
  });

  it("PATCHing an image's digest onto its sibling's is a 409 naming the sibling, over REST and AMI", async () => {
    const [first, second] = (await inject('/api/v1/swtags/sw1/images')).json() as { ID: number }[];
    const patched = await inject({
      method: 'PATCH',
      url: `/api/v1/images/${second!.ID}`,
      payload: { HASH_DIGEST: digest(1) },
    });
    expect(patched.statusCode).toBe(409);
    expect(problem(patched).detail).toContain(`image ${first!.ID} is already this publication`);
    expect(problem(patched).detail).not.toMatch(DATABASE_TEXT);
    const updated = await ami(`UpdateImage -id=${second!.ID} -HASH_DIGEST=${digest(1)}`);
    expect(updated.statusCode).toBe(409);
    expect((await inject(`/api/v1/images/${second!.ID}`)).json().HASH_DIGEST).toBe(digest(2));
  });

  // prettier-ignore
  it.each([
    '/api/v1/swtags?offset=1e20', '/api/v1/swtags?offset=-1', '/api/v1/swtags?offset=1.5',
    '/api/v1/swtags?limit=0', '/api/v1/swtags?limit=-5', '/api/v1/swtags?limit=2.5', '/api/v1/swtags?limit=1e20',
    '/api/v1/swtags?TAGNUMBER=1e20', '/api/v1/swtags?ID=-1', '/api/v1/images?offset=99999999999',
    '/api/v1/images?ID=1e20', '/api/v1/images?REPOSITORY_COUNTER=4294967296', '/api/v1/images/1e20',
    '/api/v1/images/99999999999', '/api/v1/images/0', '/api/v1/swtags/sw99999999999',
  ])('%s is a 400 problem naming the parameter', async (url) => {
    const response = await inject(url);
    expect(response.statusCode).toBe(400);
    expect(problem(response).detail).toMatch(/^(querystring|params)\.\w+ /);
  });

  // prettier-ignore
  it.each([
    ['SearchSWTags -OFFSET=1e20', '-OFFSET'], ['SearchSWTags -LIMIT=-1', '-LIMIT'], ['SearchImages -limit=2.5', '-LIMIT'],
    ['SearchImages -ID=abc', '-ID'], ['SearchImages -ID=1e20', '-ID'], ['GetImageInfo -id=1e20', '-id'],
    ['DellImage -id=99999999999', '-id'], ['UpdateImage -id=-3 -HASH_DIGEST=x', '-id'],
  ])('AMI %s is a 400 naming %s', async (command, argument) => {
    const response = await ami(command);
    expect(response.statusCode).toBe(400);
    expect(amiErrorText(response)).toContain(`${argument} `);
  });

  it('a failure is a 500 that names its request id, whose log line has the error; pages too', async () => {
    await sql`drop table image`.execute(database.db); // the last test: the catalog can't answer image queries now
    const response = await inject('/api/v1/images');
    expect(response.statusCode).toBe(500);
    const { detail, requestId } = problem(response);
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(detail).toBe(
      `the service failed to answer this request; its log has the error under request id ${requestId}`,
    );
    const line = log.find((entry) => entry.reqId === requestId);
    expect(line).toMatchObject({ level: 50, err: { message: expect.stringMatching(/image/) } });
    const page = await app.inject('/swtags/sw1');
    expect(page.statusCode).toBe(500);
    expect(page.body).toMatch(/The catalog failed to answer \(request id [0-9a-f-]{36}\)/);
    expect(page.body).not.toMatch(DATABASE_TEXT);
    // Nothing but failures is logged at warn: not the requests that went well, not the 4xx.
    expect(log.every((entry) => (entry.level as number) >= 40)).toBe(true);
  });

  it("no problem detail carries a path into the service's folders", async () => {
    const folders = [PACKAGE_ROOT, stateDir(), process.cwd(), os.tmpdir()];
    for (const url of [`${PACKAGE_ROOT}/package.json`, `${stateDir()}/catalog.sqlite`, '/api/v1/images']) {
      const response = await inject(url);
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      for (const folder of folders) expect(problem(response).detail).not.toContain(folder);
    }
  });
});
