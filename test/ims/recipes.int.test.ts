import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { ArtifactStore } from '../../src/artifacts/artifact-store.js';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import type { ServiceDatabase } from '../../src/server/open-service-database.js';
import { keyOfLink, linkTo, type ImsLink } from '../../src/ims/ims-link.js';
import { CATALOG_DATABASES } from '../catalog/catalog-databases.js';
import { artifactStoreCases } from '../support/artifact-store-cases.js';
import { startS3rver } from '../support/start-s3rver.js';

// IMS v3 recipes through app.inject, on SQLite and PostgreSQL, with the filesystem store and with S3 (s3rver).
let s3: Awaited<ReturnType<typeof startS3rver>>;
beforeAll(async () => {
  s3 = await startS3rver();
});
afterAll(async () => {
  await s3?.[Symbol.asyncDispose]();
});

const STORES = artifactStoreCases(() => s3);
const CASES = CATALOG_DATABASES.flatMap((database) => STORES.map((store) => ({ ...database, ...store })));
const recipe = {
  name: 'bookworm-minbase',
  recipe_type: 'debootstrap',
  linux_distribution: 'debian',
  template_dictionary: [
    { key: 'suite', value: 'bookworm' },
    { key: 'variant', value: 'minbase' },
  ],
};

describe.each(CASES)('IMS recipes on $name with $store', ({ open: openDatabase, openStore }) => {
  let database: ServiceDatabase;
  let store: ArtifactStore;
  let app: FastifyInstance;
  let writer: string;
  let admin: string;
  const as = (key: string) => ({ authorization: `Bearer ${key}` });

  beforeAll(async () => {
    database = await openDatabase();
    store = await openStore();
    writer = await createApiKey(database.db, 'wendy', 'writer');
    admin = await createApiKey(database.db, 'ada', 'admin');
    app = await buildServiceApp({ db: database.db, artifacts: store, archiveLimit: 1024 * 1024 });
  });
  afterAll(async () => {
    await app?.close();
    await database?.db.destroy();
  });

  it('creates, lists and gets a recipe; uploads its archive once, linked with its etag', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/ims/v3/recipes',
      headers: as(writer),
      payload: recipe,
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as { id: string };
    expect(created.json()).toMatchObject({ ...recipe, link: null });
    const archive = gzipSync(Buffer.from('a tar would be here'));
    const uploaded = await app.inject({
      method: 'PUT',
      url: `/ims/v3/recipes/${id}/archive`,
      headers: { ...as(writer), 'content-type': 'application/gzip' },
      payload: archive,
    });
    expect(uploaded.statusCode).toBe(200);
    const { link } = uploaded.json() as { link: { path: string; etag: string; type: string } };
    expect(link.path).toMatch(new RegExp(`recipes/${id}/recipe\\.tar\\.gz$`));
    expect((await store.head(`recipes/${id}/recipe.tar.gz`))?.etag).toBe(link.etag);
    // The same archive again is fine; another one is a 409; so is another link, while the same link is accepted.
    const again = {
      method: 'PUT' as const,
      url: `/ims/v3/recipes/${id}/archive`,
      headers: { ...as(writer), 'content-type': 'application/gzip' },
    };
    expect((await app.inject({ ...again, payload: archive })).statusCode).toBe(200);
    expect((await app.inject({ ...again, payload: gzipSync(Buffer.from('other')) })).statusCode).toBe(409);
    const patch = (body: object) =>
      app.inject({ method: 'PATCH', url: `/ims/v3/recipes/${id}`, headers: as(writer), payload: body });
    expect((await patch({ link })).statusCode).toBe(200);
    const changed = await patch({ link: { ...link, etag: 'f00' } });
    expect(changed.statusCode).toBe(409);
    expect(changed.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect((await app.inject('/ims/v3/recipes')).json()).toEqual([expect.objectContaining({ id, link })]);
  });

  it('soft deletes (artifacts under deleted/), undeletes (back), and deletes for good', async () => {
    const { id } = (
      await app.inject({ method: 'POST', url: '/ims/v3/recipes', headers: as(writer), payload: recipe })
    ).json() as { id: string };
    await app.inject({
      method: 'PUT',
      url: `/ims/v3/recipes/${id}/archive`,
      headers: { ...as(writer), 'content-type': 'application/gzip' },
      payload: gzipSync(Buffer.from(id)),
    });
    expect(
      (await app.inject({ method: 'DELETE', url: `/ims/v3/recipes/${id}`, headers: as(writer) })).statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ method: 'DELETE', url: `/ims/v3/recipes/${id}`, headers: as(admin) })).statusCode,
    ).toBe(204);
    expect((await app.inject(`/ims/v3/recipes/${id}`)).statusCode).toBe(404);
    expect(await store.list(`deleted/recipes/${id}/`)).toEqual([`deleted/recipes/${id}/recipe.tar.gz`]);
    expect(await store.head(`recipes/${id}/recipe.tar.gz`)).toBeUndefined();
    const deleted = (await app.inject(`/ims/v3/deleted/recipes/${id}`)).json() as {
      link: { path: string };
      deleted: string;
    };
    expect(deleted.link.path).toMatch(new RegExp(`deleted/recipes/${id}/recipe\\.tar\\.gz$`));
    const undeleted = await app.inject({
      method: 'PATCH',
      url: `/ims/v3/deleted/recipes/${id}`,
      headers: as(writer),
      payload: { operation: 'undelete' },
    });
    expect(undeleted.statusCode).toBe(200);
    expect((undeleted.json() as { link: { path: string } }).link.path).toMatch(
      new RegExp(`/recipes/${id}/recipe\\.tar\\.gz$`),
    );
    expect(await store.head(`recipes/${id}/recipe.tar.gz`)).toBeDefined();
    await app.inject({ method: 'DELETE', url: `/ims/v3/recipes/${id}`, headers: as(admin) });
    expect(
      (await app.inject({ method: 'DELETE', url: `/ims/v3/deleted/recipes/${id}`, headers: as(admin) }))
        .statusCode,
    ).toBe(204);
    expect(await store.list(`deleted/recipes/${id}/`)).toEqual([]);
    expect((await app.inject(`/ims/v3/deleted/recipes/${id}`)).statusCode).toBe(404);
  });

  it.each([
    ['an unknown field', { ...recipe, flavour: 'x' }, 400, /unknown field "flavour"/],
    [
      'an unknown recipe type',
      { ...recipe, recipe_type: 'buildpacks' },
      400,
      /must be equal to one of the allowed values/,
    ],
    [
      'a debootstrap recipe without suite',
      { ...recipe, template_dictionary: [] },
      400,
      /needs template_dictionary key "suite"/,
    ],
    ['a path as distribution', { ...recipe, linux_distribution: '../etc' }, 400, /must match pattern/],
  ])('refuses %s', async (_label, body, status, detail) => {
    const refused = await app.inject({
      method: 'POST',
      url: '/ims/v3/recipes',
      headers: as(writer),
      payload: body,
    });
    expect(refused.statusCode).toBe(status);
    expect((refused.json() as { detail: string }).detail).toMatch(detail);
  });

  it('refuses an archive that is not gzip (415), too big (413), or a write without a key (401)', async () => {
    const { id } = (
      await app.inject({ method: 'POST', url: '/ims/v3/recipes', headers: as(writer), payload: recipe })
    ).json() as { id: string };
    const put = (payload: Buffer, headers = as(writer)) =>
      app.inject({
        method: 'PUT',
        url: `/ims/v3/recipes/${id}/archive`,
        headers: { ...headers, 'content-type': 'application/gzip' },
        payload,
      });
    expect((await put(Buffer.from('plain text'))).statusCode).toBe(415);
    expect((await put(Buffer.alloc(2 * 1024 * 1024, 1))).statusCode).toBe(413);
    expect((await put(gzipSync(Buffer.from('x')), {} as never)).statusCode).toBe(401);
    expect((await app.inject('/ims/v3/recipes/not-a-uuid')).statusCode).toBe(400);
  });
});

describe.each(CASES)('IMS recipe links on $name with $store', ({ open: openDatabase, openStore }) => {
  let database: ServiceDatabase;
  let store: ArtifactStore;
  let app: FastifyInstance;
  let writer: string;
  let admin: string;
  const as = (key: string) => ({ authorization: `Bearer ${key}` });
  const newRecipe = async () =>
    (
      (
        await app.inject({ method: 'POST', url: '/ims/v3/recipes', headers: as(writer), payload: recipe })
      ).json() as { id: string }
    ).id;
  const patch = (id: string, link: object) =>
    app.inject({ method: 'PATCH', url: `/ims/v3/recipes/${id}`, headers: as(writer), payload: { link } });
  const inStore = async (key: string) => {
    const stored = await store.put(key, { bytes: gzipSync(key) });
    return linkTo(store.location, stored.key, stored.etag);
  };

  beforeAll(async () => {
    database = await openDatabase();
    store = await openStore();
    writer = await createApiKey(database.db, 'wendy', 'writer');
    admin = await createApiKey(database.db, 'ada', 'admin');
    app = await buildServiceApp({ db: database.db, artifacts: store });
  });
  afterAll(async () => {
    await app?.close();
    await database?.db.destroy();
  });

  it.each<[string, (other: string) => Promise<ImsLink> | ImsLink, number, RegExp]>([
    [
      'a file of the service machine',
      () => ({ path: 'file:///etc/shadow', etag: 'x', type: 'file' }),
      400,
      /link\.path is not in this service's artifact store/,
    ],
    [
      'a traversal out of the store',
      () => ({ ...linkTo(store.location, 'recipes/x/../../../etc/shadow', 'x') }),
      400,
      /link\.path is not in this service's artifact store/,
    ],
    [
      'an object that is not there',
      () => linkTo(store.location, 'shared/none.tar.gz', 'x'),
      400,
      /no object/,
    ],
    [
      'an object under deleted/',
      () => inStore(`deleted/recipes/${randomUUID()}/recipe.tar.gz`),
      400,
      /link\.path points at the store's deleted\/ area/,
    ],
    [
      "another recipe's archive",
      (other) => inStore(`recipes/${other}/recipe.tar.gz`),
      409,
      /link\.path points into the folder of recipe [0-9a-f-]{36}/,
    ],
  ])(
    'refuses a link to %s, naming the field (and no path of the machine)',
    async (_label, target, status, detail) => {
      const other = await newRecipe();
      const link = await target(other);
      const id = await newRecipe();
      for (const refused of [
        await patch(id, link),
        await app.inject({
          method: 'POST',
          url: '/ims/v3/recipes',
          headers: as(writer),
          payload: { ...recipe, name: 'linked', link },
        }),
      ]) {
        expect(refused.statusCode).toBe(status);
        const problem = refused.json() as { detail: string };
        expect(problem.detail).toMatch(detail);
        expect(problem.detail).not.toContain(os.tmpdir());
      }
      expect(((await app.inject(`/ims/v3/recipes/${id}`)).json() as { link: unknown }).link).toBeNull();
      const names = ((await app.inject('/ims/v3/recipes')).json() as { name: string }[]).map((r) => r.name);
      expect(names).not.toContain('linked');
    },
  );

  it('keeps a link in the store through delete and undelete: moved with its folder, or left where it is', async () => {
    const own = await newRecipe();
    const ownLink = await inStore(`recipes/${own}/custom.tar.gz`);
    const shared = await newRecipe();
    const sharedLink = await inStore(`shared/${shared}.tar.gz`);
    expect((await patch(own, ownLink)).statusCode).toBe(200);
    expect((await patch(shared, sharedLink)).statusCode).toBe(200);
    for (const id of [own, shared])
      expect(
        (await app.inject({ method: 'DELETE', url: `/ims/v3/recipes/${id}`, headers: as(admin) })).statusCode,
      ).toBe(204);
    const deletedLink = async (id: string) =>
      ((await app.inject(`/ims/v3/deleted/recipes/${id}`)).json() as { link: ImsLink }).link;
    expect(keyOfLink(store.location, await deletedLink(own))).toBe(`deleted/recipes/${own}/custom.tar.gz`);
    expect(await deletedLink(shared)).toEqual(sharedLink);
    for (const id of [own, shared]) {
      const back = await app.inject({
        method: 'PATCH',
        url: `/ims/v3/deleted/recipes/${id}`,
        headers: as(writer),
        payload: { operation: 'undelete' },
      });
      expect(back.statusCode).toBe(200);
    }
    const linkOf = async (id: string) =>
      ((await app.inject(`/ims/v3/recipes/${id}`)).json() as { link: ImsLink }).link;
    expect(await linkOf(own)).toEqual(ownLink);
    expect(await linkOf(shared)).toEqual(sharedLink);
    expect((await store.head(`recipes/${own}/custom.tar.gz`))?.etag).toBe(ownLink.etag);
  });
});
