import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ArtifactStore } from '../../src/artifacts/artifact-store.js';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import type { ServiceDatabase } from '../../src/server/open-service-database.js';
import { ARTIFACT_TYPES, type ImageManifest } from '../../src/ims/image-manifest.js';
import { linkTo } from '../../src/ims/ims-link.js';
import { CATALOG_DATABASES } from '../catalog/catalog-databases.js';
import { artifactStoreCases } from '../support/artifact-store-cases.js';
import { startS3rver } from '../support/start-s3rver.js';

// Cray IMS v3's image metadata (a string map on every record) and its PATCH operations, with arch and a link
// none of them required, at Cray's gateway path.
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

describe.each(CASES)("Cray's image metadata on $name with $store", ({ open, openStore }) => {
  let database: ServiceDatabase;
  let store: ArtifactStore;
  let app: FastifyInstance;
  let writer: string;
  let admin: string;
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, key = writer) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload ? { payload } : {}) });
  const created = async (body: object) => {
    const answer = await call('POST', `${V3}/images`, body);
    expect(answer.statusCode).toBe(201);
    return answer.json() as { id: string; metadata: Record<string, string> };
  };
  const patch = (id: string, body: object) => call('PATCH', `${V3}/images/${id}`, body);

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

  it.each<[string, object, Record<string, string>]>([
    ['no metadata', {}, {}],
    [
      'a string map',
      { metadata: { includes: 'vim,emacs', owner: 'hpc' } },
      { includes: 'vim,emacs', owner: 'hpc' },
    ],
    [
      "Cray's one key/value pair",
      { metadata: { key: 'includes', value: 'foo,bar' } },
      { includes: 'foo,bar' },
    ],
    ["Cray's pair without value", { metadata: { key: 'flag' } }, { flag: '' }],
  ])('creates an image with %s: metadata %j on every record', async (_label, body, metadata) => {
    const image = await created({ name: 'compute', ...body });
    expect(image.metadata).toEqual(metadata);
    expect((await call('GET', `${V3}/images/${image.id}`)).json()).toMatchObject({ metadata });
    const listed = (await call('GET', `${V3}/images`)).json() as { id: string; metadata: unknown }[];
    expect(listed.find((one) => one.id === image.id)?.metadata).toEqual(metadata);
  });

  it('sets and removes keys, one operation per PATCH, as Cray does', async () => {
    const { id } = await created({ name: 'compute', metadata: { a: '1' } });
    const metadataAfter = async (body: object) => {
      const answer = await patch(id, body);
      expect(answer.statusCode).toBe(200);
      return (answer.json() as { metadata: Record<string, string> }).metadata;
    };
    expect(await metadataAfter({ metadata: { operation: 'set', key: 'b', value: '2' } })).toEqual({
      a: '1',
      b: '2',
    });
    expect(await metadataAfter({ metadata: { operation: 'set', key: 'a', value: 'one' } })).toEqual({
      a: 'one',
      b: '2',
    });
    expect(await metadataAfter({ metadata: { operation: 'set', key: 'c' } })).toEqual({
      a: 'one',
      b: '2',
      c: '',
    });
    expect(await metadataAfter({ metadata: { operation: 'remove', key: 'a' } })).toEqual({ b: '2', c: '' });
    // Removing a key that is not there is no error (Cray's no-op).
    expect(await metadataAfter({ metadata: { operation: 'remove', key: 'zzz' } })).toEqual({ b: '2', c: '' });
    expect(await metadataAfter({ arch: 'aarch64' })).toEqual({ b: '2', c: '' });
    expect((await call('GET', `${V3}/images/${id}`)).json()).toMatchObject({
      arch: 'aarch64',
      metadata: { b: '2' },
    });
  });

  it('keeps metadata through delete and undelete, and takes arch, metadata and a link in one PATCH', async () => {
    const { id } = await created({ name: 'compute', metadata: { site: 'lab' } });
    const bytes = randomBytes(1024);
    const rootfs = await store.put(`images/${id}/rootfs`, { bytes });
    const manifest: ImageManifest = {
      version: '1.0',
      created: new Date().toISOString(),
      artifacts: [
        {
          type: ARTIFACT_TYPES.rootfs,
          link: linkTo(store.location, rootfs.key, rootfs.etag),
          md5: createHash('md5').update(bytes).digest('hex'),
        },
      ],
    };
    const stored = await store.put(`images/${id}/manifest.json`, {
      bytes: Buffer.from(JSON.stringify(manifest)),
    });
    const { path, type } = linkTo(store.location, stored.key, stored.etag);
    const patched = await patch(id, {
      link: { path, type },
      arch: 'aarch64',
      metadata: { operation: 'set', key: 'stage', value: 'prod' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      arch: 'aarch64',
      link: { path, type, etag: stored.etag },
      metadata: { site: 'lab', stage: 'prod' },
    });
    expect((await call('DELETE', `${V3}/images/${id}`, undefined, admin)).statusCode).toBe(204);
    expect((await call('GET', `${V3}/deleted/images/${id}`)).json()).toMatchObject({
      metadata: { site: 'lab', stage: 'prod' },
    });
    expect((await call('PATCH', `${V3}/deleted/images/${id}`, { operation: 'undelete' })).statusCode).toBe(
      204,
    );
    expect((await call('GET', `${V3}/images/${id}`)).json()).toMatchObject({
      arch: 'aarch64',
      metadata: { site: 'lab', stage: 'prod' },
    });
  });

  it.each<[string, object, number, RegExp]>([
    ['an empty body', {}, 400, /no input provided/],
    [
      'an unknown operation',
      { metadata: { operation: 'append', key: 'a' } },
      422,
      /body\.metadata\.operation/,
    ],
    [
      'an operation without key',
      { metadata: { operation: 'set', value: 'x' } },
      422,
      /required property 'key'/,
    ],
    [
      'a list of operations',
      { metadata: [{ operation: 'set', key: 'a' }] },
      422,
      /body\.metadata must be object/,
    ],
    ['a number as value', { metadata: { operation: 'set', key: 'a', value: 1 } }, 422, /must be string/],
    ['an unknown arch', { arch: 'ppc64le' }, 422, /body\.arch/],
    ['a field Cray does not patch', { name: 'x' }, 422, /unknown field "name"/],
  ])('refuses a PATCH with %s (%j: %i), changing nothing', async (_label, body, status, detail) => {
    const { id } = await created({ name: 'compute', metadata: { a: '1' } });
    const refused = await patch(id, body);
    expect(refused.statusCode).toBe(status);
    expect((refused.json() as { detail: string }).detail).toMatch(detail);
    expect((await call('GET', `${V3}/images/${id}`)).json()).toMatchObject({
      arch: 'x86_64',
      metadata: { a: '1' },
    });
  });

  it('refuses metadata that is not a map of strings at create (422)', async () => {
    for (const metadata of [{ a: 1 }, ['a'], 'a=1'])
      expect((await call('POST', `${V3}/images`, { name: 'x', metadata })).statusCode).toBe(422);
  });

  it('answers 404 for a PATCH of an image that is not there (or only under deleted/)', async () => {
    const { id } = await created({ name: 'gone' });
    expect((await call('DELETE', `${V3}/images/${id}`, undefined, admin)).statusCode).toBe(204);
    expect((await patch(id, { arch: 'aarch64' })).statusCode).toBe(404);
    expect((await patch('00000000-0000-4000-8000-000000000000', { arch: 'aarch64' })).statusCode).toBe(404);
  });
});
