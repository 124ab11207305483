import { createHash, randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { ArtifactStore } from '../../src/artifacts/artifact-store.js';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import type { ServiceDatabase } from '../../src/server/open-service-database.js';
import { ARTIFACT_TYPES, type ImageManifest } from '../../src/ims/image-manifest.js';
import { linkTo, type ImsLink } from '../../src/ims/ims-link.js';
import { CATALOG_DATABASES } from '../catalog/catalog-databases.js';
import { artifactStoreCases } from '../support/artifact-store-cases.js';
import { startS3rver } from '../support/start-s3rver.js';

// IMS v3 images: records linked to a manifest.json that must match the objects in the store.
let s3: Awaited<ReturnType<typeof startS3rver>>;
beforeAll(async () => {
  s3 = await startS3rver();
});
afterAll(async () => {
  await s3?.[Symbol.asyncDispose]();
});

const STORES = artifactStoreCases(() => s3);
const CASES = CATALOG_DATABASES.flatMap((database) => STORES.map((store) => ({ ...database, ...store })));
const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');

describe.each(CASES)('IMS images on $name with $store', ({ open, openStore }) => {
  let database: ServiceDatabase;
  let store: ArtifactStore;
  let app: FastifyInstance;
  let writer: string;
  let admin: string;
  const as = (key: string) => ({ authorization: `Bearer ${key}` });

  /** What a client does before creating the record: artifacts and their manifest into the store. */
  async function upload(
    folder: string,
    edit: (manifest: ImageManifest) => void = () => undefined,
  ): Promise<ImsLink> {
    const artifacts = [];
    for (const [name, type] of [
      ['rootfs', ARTIFACT_TYPES.rootfs],
      ['kernel', ARTIFACT_TYPES.kernel],
    ] as const) {
      const bytes = randomBytes(4096);
      const stored = await store.put(`${folder}/${name}`, { bytes });
      artifacts.push({ type, link: linkTo(store.location, stored.key, stored.etag), md5: md5(bytes) });
    }
    const manifest: ImageManifest = { version: '1.0', created: new Date().toISOString(), artifacts };
    edit(manifest);
    const stored = await store.put(`${folder}/manifest.json`, {
      bytes: Buffer.from(JSON.stringify(manifest)),
    });
    return linkTo(store.location, stored.key, stored.etag);
  }
  const create = (payload: object) =>
    app.inject({ method: 'POST', url: '/ims/v3/images', headers: as(writer), payload });

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

  it('links an image to a manifest that matches the store, once', async () => {
    const created = await create({ name: 'compute', arch: 'x86_64' });
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as { id: string };
    const link = await upload(`images/${id}`);
    const patch = (body: object) =>
      app.inject({ method: 'PATCH', url: `/ims/v3/images/${id}`, headers: as(writer), payload: body });
    expect((await patch({ link })).statusCode).toBe(200);
    expect((await patch({ link })).statusCode).toBe(200);
    expect((await patch({ link: await upload(`images/${id}-2`) })).statusCode).toBe(409);
    const manifest = (await app.inject(`/ims/v3/images/${id}/manifest`)).json() as ImageManifest;
    expect(manifest.artifacts.map((artifact) => artifact.type)).toEqual([
      ARTIFACT_TYPES.rootfs,
      ARTIFACT_TYPES.kernel,
    ]);
  });

  it.each<[string, (manifest: ImageManifest) => void, RegExp]>([
    [
      'a wrong md5',
      (manifest) => (manifest.artifacts[0]!.md5 = '0'.repeat(32)),
      /artifacts\[0\]: md5 0{32} does not match/,
    ],
    [
      'two rootfs',
      (manifest) => manifest.artifacts.push({ ...manifest.artifacts[0]! }),
      /exactly one .*squashfs artifact is needed \(found 2\)/,
    ],
    [
      'no rootfs',
      (manifest) => manifest.artifacts.shift(),
      /exactly one .*squashfs artifact is needed \(found 0\)/,
    ],
    [
      'a missing object',
      (manifest) => (manifest.artifacts[1]!.link.path += '.gone'),
      /artifacts\[1\]: no object at/,
    ],
    [
      'a link out of the store',
      (manifest) => (manifest.artifacts[1]!.link = { path: 'file:///etc/passwd', etag: '', type: 'file' }),
      /artifacts\[1\]\.link\.path is not in this service's artifact store/,
    ],
    [
      'a traversal',
      (manifest) =>
        (manifest.artifacts[1]!.link.path = manifest.artifacts[1]!.link.path.replace(
          /[^/]+\/kernel$/,
          '../../kernel',
        )),
      /is not in this service's artifact store/,
    ],
    [
      'version 2.0',
      (manifest) => ((manifest as { version: string }).version = '2.0'),
      /version must be "1\.0"/,
    ],
    [
      'an unknown type',
      (manifest) => (manifest.artifacts[1]!.type = 'application/x-unknown'),
      /artifacts\[1\]: unknown type/,
    ],
  ])('refuses a manifest with %s (422, nothing created)', async (_label, edit, detail) => {
    const before = ((await app.inject('/ims/v3/images')).json() as unknown[]).length;
    const refused = await create({ name: 'broken', link: await upload(`uploads/${randomUUID()}`, edit) });
    expect(refused.statusCode).toBe(422);
    expect((refused.json() as { detail: string }).detail).toMatch(detail);
    expect(((await app.inject('/ims/v3/images')).json() as unknown[]).length).toBe(before);
  });

  it('moves artifacts under deleted/ with a manifest that follows them, and back', async () => {
    const { id } = (await create({ name: 'to-delete' })).json() as { id: string };
    const link = await upload(`images/${id}`);
    await app.inject({
      method: 'PATCH',
      url: `/ims/v3/images/${id}`,
      headers: as(writer),
      payload: { link },
    });
    expect(
      (await app.inject({ method: 'DELETE', url: `/ims/v3/images/${id}`, headers: as(admin) })).statusCode,
    ).toBe(204);
    expect(await store.list(`images/${id}/`)).toEqual([]);
    expect(await store.list(`deleted/images/${id}/`)).toHaveLength(3);
    const deleted = (await app.inject(`/ims/v3/deleted/images/${id}`)).json() as { link: ImsLink };
    expect(deleted.link.path).toContain(`deleted/images/${id}/manifest.json`);
    const back = await app.inject({
      method: 'PATCH',
      url: `/ims/v3/deleted/images/${id}`,
      headers: as(writer),
      payload: { operation: 'undelete' },
    });
    expect(back.statusCode).toBe(204);
    const manifest = (await app.inject(`/ims/v3/images/${id}/manifest`)).json() as ImageManifest;
    expect(manifest.artifacts.every((artifact) => artifact.link.path.includes(`/images/${id}/`))).toBe(true);
    expect(manifest.artifacts.some((artifact) => artifact.link.path.includes('deleted/'))).toBe(false);
    await app.inject({ method: 'DELETE', url: `/ims/v3/images/${id}`, headers: as(admin) });
    expect(
      (await app.inject({ method: 'DELETE', url: `/ims/v3/deleted/images/${id}`, headers: as(admin) }))
        .statusCode,
    ).toBe(204);
    expect(await store.list(`deleted/images/${id}/`)).toEqual([]);
  });
});

describe.each(CASES)("an image's link on $name with $store", ({ open, openStore }) => {
  let database: ServiceDatabase;
  let store: ArtifactStore;
  let app: FastifyInstance;
  let writer: string;
  const as = (key: string) => ({ authorization: `Bearer ${key}` });

  beforeAll(async () => {
    database = await open();
    store = await openStore();
    writer = await createApiKey(database.db, 'wendy', 'writer');
    app = await buildServiceApp({ db: database.db, artifacts: store });
  });
  afterAll(async () => {
    await app?.close();
    await database?.db.destroy();
  });

  /** A rootfs (in `rootfsFolder`, by default beside it) and a manifest listing it, in `folder`. */
  async function manifestIn(folder: string, rootfsFolder = folder): Promise<ImsLink> {
    const bytes = randomBytes(512);
    const rootfs = await store.put(`${rootfsFolder}/rootfs-${randomUUID()}`, { bytes });
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
  const newImage = async (link?: ImsLink) =>
    app.inject({
      method: 'POST',
      url: '/ims/v3/images',
      headers: as(writer),
      payload: { name: 'i', ...(link ? { link } : {}) },
    });
  const patch = (id: string, link: ImsLink) =>
    app.inject({ method: 'PATCH', url: `/ims/v3/images/${id}`, headers: as(writer), payload: { link } });

  it.each<[string, (other: string) => Promise<ImsLink>, number, RegExp]>([
    [
      "another image's manifest, in its folder",
      (other) => manifestIn(`images/${other}`),
      409,
      /link\.path points into the folder of image [0-9a-f-]{36}/,
    ],
    [
      "a manifest another image links, outside any image's folder",
      async (other) => {
        const link = await manifestIn(`uploads/${randomUUID()}`);
        expect((await patch(other, link)).statusCode).toBe(200);
        return link;
      },
      409,
      /link\.path is the manifest of image [0-9a-f-]{36}/,
    ],
    [
      "a manifest whose rootfs is in another image's folder",
      (other) => manifestIn(`uploads/${randomUUID()}`, `images/${other}`),
      409,
      /artifacts\[0\]\.link\.path points into the folder of image [0-9a-f-]{36}/,
    ],
    [
      'a manifest under deleted/',
      () => manifestIn(`deleted/images/${randomUUID()}`),
      422,
      /link\.path points at the store's deleted\/ area/,
    ],
  ])('refuses %s, naming the field (and no path of the machine)', async (_label, target, status, detail) => {
    const other = ((await newImage()).json() as { id: string }).id;
    const link = await target(other);
    const id = ((await newImage()).json() as { id: string }).id;
    const before = ((await app.inject('/ims/v3/images')).json() as unknown[]).length;
    for (const refused of [await patch(id, link), await newImage(link)]) {
      expect(refused.statusCode).toBe(status);
      const problem = refused.json() as { detail: string };
      expect(problem.detail).toMatch(detail);
      expect(problem.detail).not.toContain(os.tmpdir());
    }
    expect(((await app.inject(`/ims/v3/images/${id}`)).json() as { link: unknown }).link).toBeNull();
    expect(((await app.inject('/ims/v3/images')).json() as unknown[]).length).toBe(before);
  });

  it('takes a manifest in its own folder, or in a folder no record owns', async () => {
    const id = ((await newImage()).json() as { id: string }).id;
    expect((await patch(id, await manifestIn(`images/${id}`))).statusCode).toBe(200);
    expect((await newImage(await manifestIn(`images/${randomUUID()}`))).statusCode).toBe(201);
  });
});
