import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { ArtifactStore } from '../../src/artifacts/artifact-store.js';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import type { ServiceDatabase } from '../../src/server/open-service-database.js';
import { linkTo } from '../../src/ims/ims-link.js';
import { CATALOG_DATABASES } from '../catalog/catalog-databases.js';
import { artifactStoreCases } from '../support/artifact-store-cases.js';
import { startS3rver } from '../support/start-s3rver.js';

// Cray IMS v3's recipe fields, written with Cray's field names at Cray's gateway path: arch and require_dkms,
// kiwi-ng and packer recipes of Cray's distributions, a PATCH of each field alone, a link without etag.
let s3: Awaited<ReturnType<typeof startS3rver>>;
beforeAll(async () => {
  s3 = await startS3rver();
});
afterAll(async () => {
  await s3?.[Symbol.asyncDispose]();
});

const CASES = CATALOG_DATABASES.flatMap((database) =>
  artifactStoreCases(() => s3).map((store) => ({ ...database, ...store })),
);
const V3 = '/apis/ims/v3';

describe.each(CASES)("Cray's recipe fields on $name with $store", ({ open, openStore }) => {
  let database: ServiceDatabase;
  let store: ArtifactStore;
  let app: FastifyInstance;
  let writer: string;
  let admin: string;
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, key = writer) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload ? { payload } : {}) });
  const kiwi = { name: 'sles15-barebones', recipe_type: 'kiwi-ng', linux_distribution: 'sles15' };
  const created = async (body: object) => {
    const answer = await call('POST', `${V3}/recipes`, body);
    expect(answer.statusCode).toBe(201);
    return answer.json() as { id: string } & Record<string, unknown>;
  };

  beforeAll(async () => {
    database = await open();
    store = await openStore();
    writer = await createApiKey(database.db, 'wendy', 'writer');
    admin = await createApiKey(database.db, 'ada', 'admin');
    app = await buildServiceApp({ db: database.db, artifacts: store });
  });
  afterAll(async () => {
    await app?.close();
    await database?.db.destroy();
  });

  it.each([
    ['kiwi-ng', 'sles15'],
    ['kiwi-ng', 'sles12'],
    ['kiwi-ng', 'centos7'],
    ['packer', 'sles15'],
  ])('stores a %s recipe of %s, with arch x86_64 and require_dkms false by default', async (type, distro) => {
    const recipe = await created({
      name: `${type}-${distro}`,
      recipe_type: type,
      linux_distribution: distro,
    });
    expect(recipe).toMatchObject({
      recipe_type: type,
      linux_distribution: distro,
      arch: 'x86_64',
      require_dkms: false,
      template_dictionary: [],
      link: null,
    });
    expect((await call('GET', `${V3}/recipes/${recipe.id}`)).json()).toEqual(recipe);
  });

  it('keeps arch and require_dkms as given, in the list and through delete and undelete', async () => {
    const recipe = await created({ ...kiwi, arch: 'aarch64', require_dkms: true });
    expect(recipe).toMatchObject({ arch: 'aarch64', require_dkms: true });
    const listed = (await call('GET', `${V3}/recipes`)).json() as { id: string }[];
    expect(listed.find((one) => one.id === recipe.id)).toEqual(recipe);
    expect((await call('DELETE', `${V3}/recipes/${recipe.id}`, undefined, admin)).statusCode).toBe(204);
    expect((await call('GET', `${V3}/deleted/recipes/${recipe.id}`)).json()).toMatchObject({
      arch: 'aarch64',
      require_dkms: true,
      deleted: expect.any(String),
    });
    const back = await call('PATCH', `${V3}/deleted/recipes/${recipe.id}`, { operation: 'undelete' });
    expect(back.statusCode).toBe(204);
    expect(back.body).toBe('');
    expect((await call('GET', `${V3}/recipes/${recipe.id}`)).json()).toEqual(recipe);
  });

  it('PATCHes each field alone (none is required), leaving the others as they were', async () => {
    const { id } = await created({ ...kiwi, template_dictionary: [{ key: 'CSM_RELEASE', value: '1.5' }] });
    const patch = (body: object) => call('PATCH', `${V3}/recipes/${id}`, body);
    expect((await patch({ arch: 'aarch64' })).json()).toMatchObject({
      arch: 'aarch64',
      require_dkms: false,
      template_dictionary: [{ key: 'CSM_RELEASE', value: '1.5' }],
    });
    expect((await patch({ require_dkms: true })).json()).toMatchObject({
      arch: 'aarch64',
      require_dkms: true,
    });
    const dictionary = [{ key: 'CSM_RELEASE', value: '1.6' }];
    expect((await patch({ template_dictionary: dictionary })).json()).toMatchObject({
      arch: 'aarch64',
      require_dkms: true,
      template_dictionary: dictionary,
      link: null,
    });
    expect((await call('GET', `${V3}/recipes/${id}`)).json()).toMatchObject({
      template_dictionary: dictionary,
    });
  });

  it("takes a link without etag (Cray's etag is optional): it records the etag of what it points at", async () => {
    const { id } = await created(kiwi);
    const stored = await store.put(`recipes/${id}/recipe.tar.gz`, { bytes: gzipSync('a kiwi description') });
    const { path, type } = linkTo(store.location, stored.key, stored.etag);
    const patched = await call('PATCH', `${V3}/recipes/${id}`, { link: { path, type }, require_dkms: true });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ link: { path, type, etag: stored.etag }, require_dkms: true });
    // The same link again (with or without its etag) is fine; another one is Cray's 409.
    expect((await call('PATCH', `${V3}/recipes/${id}`, { link: { path, type } })).statusCode).toBe(200);
    const other = await store.put(`recipes/${id}/other.tar.gz`, { bytes: gzipSync('other') });
    const conflict = await call('PATCH', `${V3}/recipes/${id}`, {
      link: { path: linkTo(store.location, other.key, '').path, type },
    });
    expect(conflict.statusCode).toBe(409);
    // And at create: a link without etag to an object in the store.
    const shared = await store.put(`shared/${id}.tar.gz`, { bytes: gzipSync('shared') });
    const linked = await created({
      ...kiwi,
      link: { path: linkTo(store.location, shared.key, '').path, type },
    });
    expect(linked.link).toEqual({
      path: linkTo(store.location, shared.key, '').path,
      type,
      etag: shared.etag,
    });
  });

  it.each<[string, object, number, RegExp]>([
    ['an empty body', {}, 400, /no input provided/],
    ['an unknown arch', { arch: 'sparc64' }, 422, /body\.arch must be equal to one of the allowed values/],
    ['require_dkms as text', { require_dkms: 'maybe' }, 422, /body\.require_dkms must be boolean/],
    ['a field Cray does not patch', { name: 'renamed' }, 422, /unknown field "name"/],
    ['a link without path', { link: { type: 's3' } }, 422, /body\.link must have required property 'path'/],
  ])('refuses a PATCH with %s (%j: %i)', async (_label, body, status, detail) => {
    const { id } = await created(kiwi);
    const refused = await call('PATCH', `${V3}/recipes/${id}`, body);
    expect(refused.statusCode).toBe(status);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((refused.json() as { detail: string }).detail).toMatch(detail);
    expect((await call('GET', `${V3}/recipes/${id}`)).json()).toMatchObject({
      name: kiwi.name,
      arch: 'x86_64',
    });
  });

  it("checks a debootstrap recipe's new template_dictionary as at create (422 naming the key)", async () => {
    const { id } = await created({
      name: 'bookworm',
      recipe_type: 'debootstrap',
      linux_distribution: 'debian',
      template_dictionary: [{ key: 'suite', value: 'bookworm' }],
    });
    const refused = await call('PATCH', `${V3}/recipes/${id}`, {
      template_dictionary: [{ key: 'suite', value: '--bogus' }],
    });
    expect(refused.statusCode).toBe(422);
    expect((refused.json() as { detail: string }).detail).toMatch(/template_dictionary\.suite/);
    expect((await call('GET', `${V3}/recipes/${id}`)).json()).toMatchObject({
      template_dictionary: [{ key: 'suite', value: 'bookworm' }],
    });
  });
});
