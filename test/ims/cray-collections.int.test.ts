import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { ArtifactStore } from '../../src/artifacts/artifact-store.js';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import type { ServiceDatabase } from '../../src/server/open-service-database.js';
import { ARTIFACT_TYPES } from '../../src/ims/image-manifest.js';
import { linkTo } from '../../src/ims/ims-link.js';
import { CATALOG_DATABASES } from '../catalog/catalog-databases.js';
import { artifactStoreCases } from '../support/artifact-store-cases.js';
import { expectStoreHolds } from '../support/expect-store-holds.js';
import { startS3rver } from '../support/start-s3rver.js';

// Cray IMS v3's collection operations: DELETE of recipes, images and public keys soft deletes them all
// (artifacts under deleted/), PATCH of deleted/<plural> undeletes them all, DELETE there purges them all; 204.
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
const PUBLIC_KEY = `ssh-ed25519 ${Buffer.alloc(51, 7).toString('base64')} ims@test`;

describe.each(CASES)("Cray's collection DELETE and PATCH on $name with $store", ({ open, openStore }) => {
  let database: ServiceDatabase;
  let store: ArtifactStore;
  let app: FastifyInstance;
  let writer: string;
  let admin: string;
  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT',
    url: string,
    payload?: object,
    key = writer,
  ) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload ? { payload } : {}) });
  const ids = async (url: string) =>
    ((await call('GET', url)).json() as { id: string }[]).map(({ id }) => id).sort();

  /** Two recipes with archives, two images with a manifest and rootfs, two keys: the store keys they hold. */
  async function fill(): Promise<string[]> {
    const keys: string[] = [];
    for (const name of ['a', 'b']) {
      const recipe = await call('POST', `${V3}/recipes`, {
        name,
        recipe_type: 'kiwi-ng',
        linux_distribution: 'sles15',
      });
      const { id } = recipe.json() as { id: string };
      const archive = await app.inject({
        method: 'PUT',
        url: `${V3}/recipes/${id}/archive`,
        headers: { authorization: `Bearer ${writer}`, 'content-type': 'application/gzip' },
        payload: gzipSync(`recipe ${name}`),
      });
      expect(archive.statusCode).toBe(200);
      keys.push(`recipes/${id}/recipe.tar.gz`);
      const image = (await call('POST', `${V3}/images`, { name, metadata: { name } })).json() as {
        id: string;
      };
      const bytes = randomBytes(256);
      const rootfs = await store.put(`images/${image.id}/rootfs`, { bytes });
      const manifest = await store.put(`images/${image.id}/manifest.json`, {
        bytes: Buffer.from(
          JSON.stringify({
            version: '1.0',
            created: new Date().toISOString(),
            artifacts: [
              {
                type: ARTIFACT_TYPES.rootfs,
                link: linkTo(store.location, rootfs.key, rootfs.etag),
                md5: createHash('md5').update(bytes).digest('hex'),
              },
            ],
          }),
        ),
      });
      const link = linkTo(store.location, manifest.key, manifest.etag);
      expect((await call('PATCH', `${V3}/images/${image.id}`, { link })).statusCode).toBe(200);
      keys.push(`images/${image.id}/manifest.json`, `images/${image.id}/rootfs`);
      expect((await call('POST', `${V3}/public-keys`, { name, public_key: PUBLIC_KEY })).statusCode).toBe(
        201,
      );
    }
    return keys.sort();
  }

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

  it('deletes all, undeletes all and purges all, the artifacts following each time', async () => {
    const keys = await fill();
    const before = {
      recipes: await ids(`${V3}/recipes`),
      images: await ids(`${V3}/images`),
      'public-keys': await ids(`${V3}/public-keys`),
    };
    for (const [plural, live] of Object.entries(before)) {
      expect(live).toHaveLength(2);
      // Deleting needs an admin key, as each DELETE.
      expect((await call('DELETE', `${V3}/${plural}`)).statusCode).toBe(403);
      const deleted = await call('DELETE', `${V3}/${plural}`, undefined, admin);
      expect(deleted.statusCode).toBe(204);
      expect(deleted.body).toBe('');
      expect(await ids(`${V3}/${plural}`)).toEqual([]);
      expect(await ids(`${V3}/deleted/${plural}`)).toEqual(live);
    }
    await expectStoreHolds(
      store,
      keys.map((key) => `deleted/${key}`),
    );
    for (const [plural, live] of Object.entries(before)) {
      const back = await call('PATCH', `${V3}/deleted/${plural}`, { operation: 'undelete' });
      expect(back.statusCode).toBe(204);
      expect(back.body).toBe('');
      expect(await ids(`${V3}/${plural}`)).toEqual(live);
      expect(await ids(`${V3}/deleted/${plural}`)).toEqual([]);
    }
    await expectStoreHolds(store, keys);
    // The images' manifests were rewritten and back: each still checks out against the store.
    for (const id of before.images)
      expect((await call('GET', `${V3}/images/${id}/manifest`)).statusCode).toBe(200);
    for (const plural of Object.keys(before)) {
      expect((await call('DELETE', `${V3}/${plural}`, undefined, admin)).statusCode).toBe(204);
      expect((await call('DELETE', `${V3}/deleted/${plural}`)).statusCode).toBe(403);
      expect((await call('DELETE', `${V3}/deleted/${plural}`, undefined, admin)).statusCode).toBe(204);
      expect(await ids(`${V3}/deleted/${plural}`)).toEqual([]);
      expect(await ids(`${V3}/${plural}`)).toEqual([]);
    }
    await expectStoreHolds(store, []);
  });

  it('answers 204 on empty collections, and refuses an undelete-all without a valid operation', async () => {
    for (const plural of ['recipes', 'images', 'public-keys']) {
      expect((await call('DELETE', `${V3}/${plural}`, undefined, admin)).statusCode).toBe(204);
      expect((await call('PATCH', `${V3}/deleted/${plural}`, { operation: 'undelete' })).statusCode).toBe(
        204,
      );
      expect((await call('DELETE', `${V3}/deleted/${plural}`, undefined, admin)).statusCode).toBe(204);
      expect((await call('PATCH', `${V3}/deleted/${plural}`, {})).statusCode).toBe(400);
      expect((await call('PATCH', `${V3}/deleted/${plural}`, { operation: 'restore' })).statusCode).toBe(422);
    }
  });
});
