import type { FastifyInstance } from 'fastify';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import type { ServiceDatabase } from '../../src/server/open-service-database.js';
import { CATALOG_DATABASES } from './catalog-databases.js';

// prettier-ignore
const swTag = {
  TAGTYPE: 'container', IMAGETYPE: 'analysis', IMAGEARCH: 'x86_64', IMAGEPLATFORM: 'el9', IMAGECOMPILER: 'gcc13',
  PRODSTEP: 'reco', SWRELEASE: 'Athena-24.0.1', DBRELEASE: 'current', DISTSWRELEASE: 'default', VERSION: '1',
};
const image = {
  REGISTRY: 'r.example.org',
  REPOSITORY_USER: 'atlas',
  REPOSITORY_NAME: 'athena',
  REPOSITORY_SWTAG: 'sw1',
  HASH_DIGEST: `sha256:${'c'.repeat(64)}`,
};

describe.each(CATALOG_DATABASES)('catalog auth on $name', ({ open }) => {
  let database: ServiceDatabase;
  let app: FastifyInstance;
  const keys: Record<'reader' | 'writer' | 'admin', string> = { reader: '', writer: '', admin: '' };
  const as = (key: string | undefined, extra: Record<string, string> = {}) => ({
    ...(key ? { authorization: `Bearer ${key}` } : {}),
    ...extra,
  });

  beforeAll(async () => {
    database = await open();
    for (const role of ['reader', 'writer', 'admin'] as const)
      keys[role] = await createApiKey(database.db, `${role}-user`, role);
    app = await buildServiceApp({ db: database.db, failuresPerMinute: 5 });
  });
  afterAll(async () => {
    await app?.close();
    await database?.db.destroy();
  });

  it('writes need a writer key (401 without, 403 for a reader); CREATEDBY and the audit come from the key', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/v1/swtags', payload: swTag })).statusCode).toBe(
      401,
    );
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/swtags', payload: swTag, headers: as(keys.reader) }))
        .statusCode,
    ).toBe(403);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/swtags',
      payload: swTag,
      headers: as(keys.writer, { linux_username: 'jdoe', github_username: 'jdoe-gh' }),
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ CREATEDBY: 'writer-user', MODIFIEDBY: 'writer-user' });
    const entry = await database.db
      .selectFrom('audit')
      .selectAll()
      .where('entity_id', '=', 'sw1')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor: 'writer-user', linux_username: 'jdoe', github_username: 'jdoe-gh' });
    // Reads are open by default.
    expect((await app.inject('/api/v1/swtags/sw1')).statusCode).toBe(200);
  });

  it('deletions need an admin key, through REST and AMI alike', async () => {
    const id = (
      await app.inject({ method: 'POST', url: '/api/v1/images', payload: image, headers: as(keys.writer) })
    ).json().ID;
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/images/${id}`, headers: as(keys.writer) }))
        .statusCode,
    ).toBe(403);
    const dell = { Command: `DellImage -id=${id}`, Converter: 'json' };
    expect(
      (await app.inject({ method: 'POST', url: '/ami/command', payload: dell, headers: as(keys.writer) }))
        .statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ method: 'POST', url: '/ami/command', payload: dell, headers: as(keys.admin) }))
        .statusCode,
    ).toBe(200);
    // An AMI read needs no key.
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/ami/command',
          payload: { Command: 'GetSWTagInfo -swTag=sw1' },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('refuses a wrong key with 401, and an address’s failing requests with 429 after repeated failures', async () => {
    const wrong = `${keys.admin.slice(0, -4)}AAAA`;
    for (let n = 0; n < 5; n++) {
      const refused = await app.inject({
        url: '/api/v1/swtags',
        headers: as(wrong),
        remoteAddress: '10.0.0.9',
      });
      expect(refused.statusCode).toBe(401);
    }
    const limited = await app.inject({
      url: '/api/v1/swtags',
      headers: as(wrong),
      remoteAddress: '10.0.0.9',
    });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().detail).toContain('too many failed authentications');
    // The flood locks out neither the valid keys behind that address nor its open reads.
    for (const key of [keys.admin, keys.reader, undefined]) {
      const served = await app.inject({ url: '/api/v1/swtags', headers: as(key), remoteAddress: '10.0.0.9' });
      expect(served.statusCode).toBe(200);
    }
    const write = await app.inject({
      method: 'POST',
      url: '/api/v1/swtags',
      payload: { ...swTag, VERSION: '2' },
      headers: as(keys.writer),
      remoteAddress: '10.0.0.9',
    });
    expect(write.statusCode).toBe(201);
    // Another address is not affected.
    expect(
      (await app.inject({ url: '/api/v1/swtags', headers: as(wrong), remoteAddress: '10.0.0.10' }))
        .statusCode,
    ).toBe(401);
  });

  // A client behind the proxy writes the left of X-Forwarded-For (rotating it at will); the proxy appends the
  // address it saw. Untrusted, the socket's address is the client's; trusted, the proxy's entry is.
  it.each([
    ['no proxy is trusted', undefined, '10.0.1.1', 429],
    ['one hop is trusted', 1, '10.0.1.2', 401],
    ['the proxy’s address is trusted', ['10.0.1.3'], '10.0.1.3', 401],
    ['another proxy’s address is trusted', ['10.9.9.9'], '10.0.1.4', 429],
  ] as const)(
    'limits bad keys under a rotating X-Forwarded-For when %s',
    async (_case, trustProxy, socket, otherClient) => {
      const proxied = await buildServiceApp({
        db: database.db,
        failuresPerMinute: 5,
        ...(trustProxy === undefined
          ? {}
          : { trustProxy: typeof trustProxy === 'number' ? trustProxy : [...trustProxy] }),
      });
      const badKey = (forwardedFor: string) =>
        proxied.inject({
          url: '/api/v1/swtags',
          headers: as(`${keys.admin.slice(0, -4)}AAAA`, { 'x-forwarded-for': forwardedFor }),
          remoteAddress: socket,
        });
      try {
        const statuses: number[] = [];
        for (let n = 0; n < 30; n++) statuses.push((await badKey(`192.0.2.${n}, 198.51.100.7`)).statusCode);
        expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
        expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
        // Another client behind the same proxy: its own count when the proxy is trusted, the same one if not.
        expect((await badKey('192.0.2.1, 198.51.100.8')).statusCode).toBe(otherClient);
      } finally {
        await proxied.close();
      }
    },
  );

  it('checks the key and the role before the body: 401 or 403, never a schema error', async () => {
    const bad = { NOT_A_FIELD: 1 };
    const anonymous = await app.inject({ method: 'POST', url: '/api/v1/swtags', payload: bad });
    expect(anonymous.statusCode).toBe(401);
    const reader = await app.inject({
      method: 'POST',
      url: '/api/v1/images',
      payload: bad,
      headers: as(keys.reader),
    });
    expect(reader.statusCode).toBe(403);
    const deletion = await app.inject({
      method: 'DELETE',
      url: '/api/v1/images/not-a-number',
      headers: as(keys.writer),
    });
    expect(deletion.statusCode).toBe(403);
    // With the right role, the body is checked as before.
    const writer = await app.inject({
      method: 'POST',
      url: '/api/v1/swtags',
      payload: bad,
      headers: as(keys.writer),
    });
    expect(writer.statusCode).toBe(400);
    // AMI knows the role only from the command; when reads need a key, an anonymous caller is refused first.
    const closed = await buildServiceApp({ db: database.db, readsNeedKey: true });
    try {
      const ami = await closed.inject({ method: 'POST', url: '/ami/command', payload: { Bogus: 1 } });
      expect(ami.statusCode).toBe(401);
    } finally {
      await closed.close();
    }
  });

  it('says X-Frame-Options: DENY on every response, errors included', async () => {
    for (const response of [
      await app.inject('/api/v1/swtags'),
      await app.inject('/openapi.json'),
      await app.inject('/no/such/route'),
      await app.inject({ method: 'POST', url: '/api/v1/swtags', payload: swTag }),
      await app.inject({ url: '/api/v1/swtags', headers: as('shk_bogus') }),
    ]) {
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('keeps only a hash of each key', async () => {
    const stored = await database.db.selectFrom('api_key').selectAll().execute();
    // The secret is base64url and may itself hold `_`: it is everything after the prefix.
    for (const key of Object.values(keys)) expect(JSON.stringify(stored)).not.toContain(key.slice(17));
  });

  it('can require a key for reads too', async () => {
    const closed = await buildServiceApp({ db: database.db, readsNeedKey: true });
    try {
      expect((await closed.inject('/api/v1/swtags/sw1')).statusCode).toBe(401);
      expect((await closed.inject({ url: '/api/v1/swtags/sw1', headers: as(keys.reader) })).statusCode).toBe(
        200,
      );
    } finally {
      await closed.close();
    }
  });
});
