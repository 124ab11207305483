import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { ArtifactStore } from '../../src/artifacts/artifact-store.js';
import { FilesystemArtifactStore } from '../../src/artifacts/filesystem-artifact-store.js';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import type { ServiceDatabase } from '../../src/server/open-service-database.js';
import { keyOfLink, type ImsLink } from '../../src/ims/ims-link.js';
import { CATALOG_DATABASES } from '../catalog/catalog-databases.js';
import { artifactStoreCases } from '../support/artifact-store-cases.js';
import { expectStoreHolds } from '../support/expect-store-holds.js';
import { startS3rver } from '../support/start-s3rver.js';

// Recipe archives are streamed into the store as they arrive (never held whole), with a size limit: over a
// real port, chunked (no Content-Length to refuse early), on both stores; S3 uploads go up in 5 MiB parts.
let s3: Awaited<ReturnType<typeof startS3rver>>;
beforeAll(async () => {
  s3 = await startS3rver();
});
afterAll(async () => {
  await s3?.[Symbol.asyncDispose]();
});

const MiB = 1024 * 1024;
const LIMIT = 16 * MiB;
const STORES = artifactStoreCases(() => s3);
const CASES = CATALOG_DATABASES.flatMap((database) => STORES.map((store) => ({ ...database, ...store })));
const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');
/** Random bytes behind gzip's magic number: what the route takes for an archive. */
const archiveOf = (size: number) => Buffer.concat([Buffer.from([0x1f, 0x8b]), randomBytes(size - 2)]);

/** Bytes of uploads in flight: the filesystem store's .partial files, s3rver's parts of multipart uploads. */
async function bytesInFlight(store: ArtifactStore): Promise<number> {
  const root = store instanceof FilesystemArtifactStore ? store.location : s3.directory;
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const { stat } = await import('node:fs/promises');
  let bytes = 0;
  for (const entry of entries) {
    const file = path.join(entry.parentPath, entry.name);
    const inFlight =
      store instanceof FilesystemArtifactStore ? entry.name.endsWith('.partial') : /uploads/.test(file);
    if (entry.isFile() && inFlight) bytes += (await stat(file)).size;
  }
  return bytes;
}

describe.each(CASES)('recipe archive uploads on $name with $store', ({ open, openStore }) => {
  let database: ServiceDatabase;
  let store: ArtifactStore;
  let app: FastifyInstance;
  let port: number;
  let writer: string;

  beforeAll(async () => {
    database = await open();
    writer = await createApiKey(database.db, 'wendy', 'writer');
  });
  beforeEach(async () => {
    store = await openStore();
    app = await buildServiceApp({ db: database.db, artifacts: store, archiveLimit: LIMIT });
    port = Number(new URL(await app.listen({ host: '127.0.0.1', port: 0 })).port);
  });
  afterEach(async () => {
    await app?.close();
  });
  afterAll(async () => {
    await database?.db.destroy();
  });

  async function newRecipe(): Promise<string> {
    const response = await app.inject({
      method: 'POST',
      url: '/ims/v3/recipes',
      headers: { authorization: `Bearer ${writer}` },
      payload: { name: 'r', recipe_type: 'containerfile', linux_distribution: 'debian' },
    });
    return (response.json() as { id: string }).id;
  }

  /**
   * PUTs an archive chunked, in 1 MiB writes; `paused` runs once `pauseAt` bytes are sent, before the rest.
   * The answer may come before the body is all sent (a 413): writing then stops.
   */
  function upload(id: string, body: Buffer, pauseAt = Infinity, paused = async () => undefined) {
    return new Promise<{ status: number; json: Record<string, unknown> }>((resolve, reject) => {
      const request = http.request({
        host: '127.0.0.1',
        port,
        method: 'PUT',
        path: `/ims/v3/recipes/${id}/archive`,
        headers: { authorization: `Bearer ${writer}`, 'content-type': 'application/gzip' },
      });
      let answered = false;
      const answer = new Promise((got) => request.once('response', got));
      request.on('response', (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode!, json: JSON.parse(Buffer.concat(chunks).toString()) }),
        );
      });
      request.on('error', (error) => (answered ? undefined : reject(error)));
      void (async () => {
        for (let offset = 0; offset < body.length && !answered; offset += MiB) {
          if (offset >= pauseAt) {
            await paused();
            pauseAt = Infinity;
          }
          if (!request.write(body.subarray(offset, offset + MiB)))
            await Promise.race([new Promise((drained) => request.once('drain', drained)), answer]);
        }
        request.end();
      })().catch(reject);
    });
  }

  it('stores a 12 MiB archive as it arrives, with its md5 as the link etag', async () => {
    const id = await newRecipe();
    const archive = archiveOf(12 * MiB);
    // s3rver keeps the parts of uploads it was asked to abort (it does not implement that): counted apart.
    const before = await bytesInFlight(store);
    let seen = 0;
    const answer = await upload(id, archive, 11 * MiB, async () => {
      // Half-way, the store already holds most of what was sent: it was not kept in memory until the end.
      for (let tries = 0; tries < 100 && seen < 5 * MiB; tries++) {
        seen = (await bytesInFlight(store)) - before;
        await sleep(50);
      }
    });
    expect(seen).toBeGreaterThanOrEqual(5 * MiB);
    expect(answer.status).toBe(200);
    const link = answer.json.link as ImsLink;
    expect(link.etag).toBe(md5(archive));
    const key = keyOfLink(store.location, link)!;
    expect((await store.head(key))?.md5).toBe(md5(archive));
    const chunks: Buffer[] = [];
    for await (const chunk of await store.get(key)) chunks.push(chunk as Buffer);
    expect(md5(Buffer.concat(chunks))).toBe(md5(archive));
    await expectStoreHolds(store, [`recipes/${id}/recipe.tar.gz`]);
    expect(await bytesInFlight(store)).toBeLessThanOrEqual(before);
  });

  it('stops an archive past the limit with a 413, keeping nothing, and takes a right one after', async () => {
    const id = await newRecipe();
    const refused = await upload(id, archiveOf(LIMIT + 4 * MiB));
    expect(refused.status).toBe(413);
    expect(refused.json.detail).toMatch(/larger than this service's limit of 16777216 bytes/);
    await expectStoreHolds(store, []);
    // lib-storage aborts the multipart upload, which s3rver does not implement (405): its parts stay there.
    if (store instanceof FilesystemArtifactStore) expect(await bytesInFlight(store)).toBe(0);
    const recipe = await app.inject(`/ims/v3/recipes/${id}`);
    expect((recipe.json() as { link: unknown }).link).toBeNull();
    expect((await upload(id, archiveOf(MiB))).status).toBe(200);
  });

  it('refuses what is not gzip (415), keeping nothing', async () => {
    const id = await newRecipe();
    const refused = await upload(id, randomBytes(2 * MiB).fill(0, 0, 2));
    expect(refused.status).toBe(415);
    await expectStoreHolds(store, []);
  });
});
