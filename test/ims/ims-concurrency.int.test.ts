import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { ArtifactStore } from '../../src/artifacts/artifact-store.js';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import type { ServiceDatabase } from '../../src/server/open-service-database.js';
import { ARTIFACT_TYPES, type ImageManifest } from '../../src/ims/image-manifest.js';
import { keyOfLink, linkTo, type ImsLink } from '../../src/ims/ims-link.js';
import { CATALOG_DATABASES } from '../catalog/catalog-databases.js';
import { artifactStoreCases } from '../support/artifact-store-cases.js';
import { expectStoreHolds } from '../support/expect-store-holds.js';
import { startS3rver } from '../support/start-s3rver.js';

// IMS's rules under concurrency: many requests in flight at once over a real port, for several rounds, on
// SQLite and PostgreSQL, with the filesystem store and S3 (s3rver). A link is set by exactly one writer; a
// record's delete, undelete and purge never answer 500 and leave the store holding exactly what the record says.
let s3: Awaited<ReturnType<typeof startS3rver>>;
beforeAll(async () => {
  s3 = await startS3rver();
});
afterAll(async () => {
  await s3?.[Symbol.asyncDispose]();
});

const STORES = artifactStoreCases(() => s3);
const CASES = CATALOG_DATABASES.flatMap((database) => STORES.map((store) => ({ ...database, ...store })));
const ROUNDS = 5;
const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');
const recipe = {
  name: 'bookworm',
  recipe_type: 'debootstrap',
  linux_distribution: 'debian',
  template_dictionary: [{ key: 'suite', value: 'bookworm' }],
};
const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

describe.each(CASES)('IMS under concurrency on $name with $store', ({ open, openStore }) => {
  let database: ServiceDatabase;
  let store: ArtifactStore;
  let app: FastifyInstance;
  let origin: string;
  let writer: string;
  let admin: string;

  beforeAll(async () => {
    database = await open();
    writer = await createApiKey(database.db, 'wendy', 'writer');
    admin = await createApiKey(database.db, 'ada', 'admin');
  });
  // Each test has a store of its own, so that it can say everything the store must hold.
  beforeEach(async () => {
    store = await openStore();
    app = await buildServiceApp({ db: database.db, artifacts: store, archiveLimit: 1024 * 1024 });
    origin = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterEach(async () => {
    await app?.close();
  });
  afterAll(async () => {
    await database?.db.destroy();
  });

  async function call(method: string, path: string, body?: object | Buffer, key = writer) {
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined
          ? {}
          : { 'content-type': Buffer.isBuffer(body) ? 'application/gzip' : 'application/json' }),
      },
      body: body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body),
    });
    const answer = await response.text();
    return { status: response.status, json: answer ? (JSON.parse(answer) as Record<string, unknown>) : {} };
  }
  const newRecipe = async () => (await call('POST', '/ims/v3/recipes', recipe)).json.id as string;

  /** A rootfs and its manifest under `folder`, as a client puts them before linking the image. */
  async function manifestIn(folder: string): Promise<ImsLink> {
    const bytes = randomBytes(1024);
    const rootfs = await store.put(`${folder}/rootfs`, { bytes });
    const manifest: ImageManifest = {
      version: '1.0',
      created: new Date().toISOString(),
      artifacts: [
        {
          type: ARTIFACT_TYPES.rootfs,
          link: linkTo(store.location, rootfs.key, rootfs.etag),
          md5: md5(bytes),
        },
      ],
    };
    const stored = await store.put(`${folder}/manifest.json`, {
      bytes: Buffer.from(JSON.stringify(manifest)),
    });
    return linkTo(store.location, stored.key, stored.etag);
  }

  it('eight concurrent PATCHes of different links on one image: one 200, seven 409s, every round', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { id } = (await call('POST', '/ims/v3/images', { name: `round-${round}` })).json as {
        id: string;
      };
      const links = await Promise.all(Array.from({ length: 8 }, (_, n) => manifestIn(`images/${id}/${n}`)));
      const answers = await Promise.all(links.map((link) => call('PATCH', `/ims/v3/images/${id}`, { link })));
      const statuses = answers.map((answer) => answer.status);
      expect([count(statuses, 200), count(statuses, 409)]).toEqual([1, 7]);
      const winner = links[statuses.indexOf(200)];
      expect((await call('GET', `/ims/v3/images/${id}`)).json.link).toEqual(winner);
    }
  });

  it('eight concurrent PATCHes of different links on one recipe: one 200, seven 409s, every round', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const id = await newRecipe();
      const links = await Promise.all(
        Array.from({ length: 8 }, async (_, n) => {
          const stored = await store.put(`recipes/${id}/${n}.tar.gz`, { bytes: gzipSync(`${n}`) });
          return linkTo(store.location, stored.key, stored.etag);
        }),
      );
      const answers = await Promise.all(
        links.map((link) => call('PATCH', `/ims/v3/recipes/${id}`, { link })),
      );
      const statuses = answers.map((answer) => answer.status);
      expect([count(statuses, 200), count(statuses, 409)]).toEqual([1, 7]);
      const winner = links[statuses.indexOf(200)]!;
      expect((await call('GET', `/ims/v3/recipes/${id}`)).json.link).toEqual(winner);
      // The same link again, from many at once, is fine for all of them.
      const again = await Promise.all(
        Array.from({ length: 4 }, () => call('PATCH', `/ims/v3/recipes/${id}`, { link: winner })),
      );
      expect(again.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    }
  });

  it('eight concurrent uploads of different archives to one recipe: one 200 whose archive is stored', async () => {
    const kept: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const id = await newRecipe();
      const archives = Array.from({ length: 8 }, () => gzipSync(randomBytes(64 * 1024)));
      const answers = await Promise.all(
        archives.map((archive) => call('PUT', `/ims/v3/recipes/${id}/archive`, archive)),
      );
      const statuses = answers.map((answer) => answer.status);
      expect([count(statuses, 200), count(statuses, 409)]).toEqual([1, 7]);
      const winner = archives[statuses.indexOf(200)]!;
      const link = (await call('GET', `/ims/v3/recipes/${id}`)).json.link as ImsLink;
      expect(link.etag).toBe(md5(winner));
      const key = keyOfLink(store.location, link)!;
      expect(key).toBe(`recipes/${id}/recipe.tar.gz`);
      expect((await store.head(key))?.md5).toBe(md5(winner));
      const chunks: Buffer[] = [];
      for await (const chunk of await store.get(key)) chunks.push(chunk as Buffer);
      expect(md5(Buffer.concat(chunks))).toBe(md5(winner));
      kept.push(key);
    }
    // The same archive from many at once: one stores it, all of them are 200s.
    const id = await newRecipe();
    const archive = gzipSync(randomBytes(64 * 1024));
    const same = await Promise.all(
      Array.from({ length: 4 }, () => call('PUT', `/ims/v3/recipes/${id}/archive`, archive)),
    );
    expect(same.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect((await store.head(`recipes/${id}/recipe.tar.gz`))?.md5).toBe(md5(archive));
    kept.push(`recipes/${id}/recipe.tar.gz`);
    // Nothing else: no staged upload of a loser, no temporary file.
    await expectStoreHolds(store, kept);
  });

  it('a burst of deletes, undeletes and purges of one recipe: 2xx/404/409 only, no orphan objects', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const id = await newRecipe();
      expect((await call('PUT', `/ims/v3/recipes/${id}/archive`, gzipSync(id))).status).toBe(200);
      const statuses = await burst(`recipes`, id);
      expect(statuses.filter((status) => ![200, 204, 404, 409].includes(status))).toEqual([]);
      await expectFollows('recipes', id, [`recipes/${id}/recipe.tar.gz`]);
    }
  });

  it('uploads to a recipe amid its deletes, undeletes and purges: never 500, the archive where the link says', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const id = await newRecipe();
      const uploads = Array.from(
        { length: 4 },
        () => () => call('PUT', `/ims/v3/recipes/${id}/archive`, gzipSync(randomBytes(32 * 1024))),
      );
      const statuses = await burst(`recipes`, id, uploads);
      expect(statuses.filter((status) => ![200, 204, 404, 409].includes(status))).toEqual([]);
      const record = [
        await call('GET', `/ims/v3/recipes/${id}`),
        await call('GET', `/ims/v3/deleted/recipes/${id}`),
      ].find((answer) => answer.status === 200)?.json;
      await expectFollows('recipes', id, record?.link ? [`recipes/${id}/recipe.tar.gz`] : []);
    }
  });

  it('a burst of deletes, undeletes and purges of one image: 2xx/404/409 only, no orphan objects', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { id } = (await call('POST', '/ims/v3/images', { name: `round-${round}` })).json as {
        id: string;
      };
      const link = await manifestIn(`images/${id}`);
      expect((await call('PATCH', `/ims/v3/images/${id}`, { link })).status).toBe(200);
      const statuses = await burst('images', id);
      expect(statuses.filter((status) => ![200, 204, 404, 409].includes(status))).toEqual([]);
      await expectFollows('images', id, [`images/${id}/manifest.json`, `images/${id}/rootfs`]);
    }
  });

  /** Twelve lifecycle requests on one record at once (deletes, undeletes, purges), after `more` of them. */
  async function burst(
    plural: string,
    id: string,
    more: (() => Promise<{ status: number }>)[] = [],
  ): Promise<number[]> {
    const requests = [
      () => call('DELETE', `/ims/v3/${plural}/${id}`, undefined, admin),
      () => call('PATCH', `/ims/v3/deleted/${plural}/${id}`, { operation: 'undelete' }),
      () => call('DELETE', `/ims/v3/deleted/${plural}/${id}`, undefined, admin),
    ];
    const all = [...more, ...Array.from({ length: 12 }, (_, n) => requests[n % 3]!)];
    const answers = await Promise.all(all.map((request) => request()));
    return answers.map((answer) => answer.status);
  }

  /**
   * Whatever the burst left, the store holds what the record says: its objects live, or under deleted/, or
   * (purged) nothing; and the link points at the manifest or archive where it now is.
   */
  async function expectFollows(plural: string, id: string, keys: string[]) {
    const live = await call('GET', `/ims/v3/${plural}/${id}`);
    const deleted = await call('GET', `/ims/v3/deleted/${plural}/${id}`);
    const record = live.status === 200 ? live.json : deleted.status === 200 ? deleted.json : undefined;
    const where = live.status === 200 ? '' : 'deleted/';
    const expected = record ? keys.map((key) => `${where}${key}`) : [];
    await expectStoreHolds(store, expected);
    if (record) {
      if (expected[0]) expect(keyOfLink(store.location, record.link as ImsLink)).toBe(expected[0]);
      else expect(record.link).toBeNull();
      // Clean up for the next round's exact listing.
      if (!where) await call('DELETE', `/ims/v3/${plural}/${id}`, undefined, admin);
      expect((await call('DELETE', `/ims/v3/deleted/${plural}/${id}`, undefined, admin)).status).toBe(204);
    }
    await expectStoreHolds(store, []);
  }
});
