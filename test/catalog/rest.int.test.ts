import type { FastifyInstance } from 'fastify';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import type { ServiceDatabase } from '../../src/server/open-service-database.js';
import { CATALOG_DATABASES } from './catalog-databases.js';
import { injectAs } from './inject-as.js';
import { AMI_SWTAG } from './swtag-identity.js';

const swTag = AMI_SWTAG;
const image = (n: number) => ({
  REGISTRY: 'registry.example.org',
  REPOSITORY_USER: 'atlas',
  REPOSITORY_NAME: 'athena',
  REPOSITORY_SWTAG: 'sw1',
  HASH_DIGEST: `sha256:${String(n).padStart(64, '0')}`,
});

describe.each(CATALOG_DATABASES)('the catalog REST API on $name (app.inject)', ({ open }) => {
  let database: ServiceDatabase;
  let app: FastifyInstance;
  let admin: string;
  // Every request as an admin; the auth tests (auth.int.test.ts) try the other keys.
  const inject = injectAs(
    () => app,
    () => admin,
  );

  beforeAll(async () => {
    database = await open();
    admin = await createApiKey(database.db, 'alice', 'admin');
    app = await buildServiceApp({ db: database.db, bodyLimit: 4096 });
  });
  afterAll(async () => {
    await app?.close();
    await database?.db.destroy();
  });

  it('adds a SW-Tag (201), returns the existing one for the same identity (200), and reads it back', async () => {
    const created = await inject({
      method: 'POST',
      url: '/api/v1/swtags',
      payload: { ...swTag, COMMENT: 'first' },
      headers: { linux_username: 'alice' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      TAGNAME: 'sw1',
      TAGNUMBER: 1,
      COMMENT: 'first',
      CREATEDBY: 'alice',
    });
    const again = await inject({ method: 'POST', url: '/api/v1/swtags', payload: swTag });
    expect(again.statusCode).toBe(200);
    expect(again.json().TAGNAME).toBe('sw1');
    expect((await inject('/api/v1/swtags/sw1')).json()).toMatchObject({ SWRELEASE: 'Athena-24.0.1' });
  });

  it('adds images with counters, lists them under the tag and searches by any field with a page', async () => {
    for (const n of [1, 2, 3])
      expect((await inject({ method: 'POST', url: '/api/v1/images', payload: image(n) })).statusCode).toBe(
        201,
      );
    expect((await inject({ method: 'POST', url: '/api/v1/images', payload: image(2) })).statusCode).toBe(200);
    const listed = (await inject('/api/v1/swtags/sw1/images')).json() as { REPOSITORY_COUNTER: number }[];
    expect(listed.map((row) => row.REPOSITORY_COUNTER)).toEqual([0, 1, 2]);
    const page = (await inject('/api/v1/images?REPOSITORY_NAME=athena&limit=2&offset=1')).json();
    expect(page).toMatchObject({ total: 3, limit: 2, offset: 1 });
    expect(page.rows.map((row: { REPOSITORY_COUNTER: number }) => row.REPOSITORY_COUNTER)).toEqual([1, 2]);
    expect((await inject('/api/v1/swtags?IMAGEARCH=x86_64')).json().total).toBe(1);
    expect((await inject('/api/v1/swtags?IMAGEARCH=aarch64')).json().total).toBe(0);
  });

  it('answers problems as RFC 7807: 409 for a used identity, 404, 400 for unknown fields, 413 for a big body', async () => {
    const conflict = await inject({
      method: 'PATCH',
      url: '/api/v1/swtags/sw1',
      payload: { SWRELEASE: 'Athena-25' },
    });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(conflict.json()).toMatchObject({ title: 'Conflict', status: 409, instance: '/api/v1/swtags/sw1' });
    expect(conflict.json().detail).toContain('registry.example.org/atlas/athena:sw1-0');
    expect(
      (await inject({ method: 'PATCH', url: '/api/v1/swtags/sw1', payload: { COMMENT: 'ok' } })).json()
        .COMMENT,
    ).toBe('ok');
    expect((await inject('/api/v1/swtags/sw404')).statusCode).toBe(404);
    const unknown = await inject({
      method: 'POST',
      url: '/api/v1/swtags',
      payload: { ...swTag, COLOUR: 'blue' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail).toBe('body has an unknown field "COLOUR"');
    const big = await inject({
      method: 'POST',
      url: '/api/v1/swtags',
      payload: { ...swTag, COMMENT: 'x'.repeat(8000) },
    });
    expect(big.statusCode).toBe(413);
  });

  it('stores injection attempts verbatim and runs none of them', async () => {
    const hostile = `'); DROP TABLE swtag; -- <script>alert(1)</script> $(rm -rf /) \${x}`;
    const created = await inject({
      method: 'POST',
      url: '/api/v1/swtags',
      payload: { ...swTag, VERSION: hostile, COMMENT: hostile },
    });
    expect(created.statusCode).toBe(201);
    const read = (await inject(`/api/v1/swtags/${created.json().TAGNAME}`)).json();
    expect(read).toMatchObject({ VERSION: hostile, COMMENT: hostile });
    expect((await inject(`/api/v1/swtags?VERSION=${encodeURIComponent(hostile)}`)).json().total).toBe(1);
    expect((await inject('/api/v1/swtags')).json().total).toBe(2);
  });

  it('publishes OpenAPI generated from the route schemas', async () => {
    const spec = (await inject('/openapi.json')).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/v1/swtags', '/api/v1/swtags/{tagName}', '/api/v1/images/{id}']),
    );
    expect(
      spec.paths['/api/v1/swtags'].post.requestBody.content['application/json'].schema.required,
    ).toContain('SWRELEASE');
  });
});
