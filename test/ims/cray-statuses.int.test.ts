import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { FilesystemArtifactStore } from '../../src/artifacts/filesystem-artifact-store.js';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import { openServiceDatabase, type ServiceDatabase } from '../../src/server/open-service-database.js';

// Cray IMS v3's paths and statuses, as a client written for Cray's spec sees them over a real port: the API at
// the gateway path /apis/ims/v3 and at /ims/v3, healthz and version, 400 for a missing or unparsable body,
// 422 for invalid data, 404 for an id that names nothing, 409 for a link that can't change; problem details.
let database: ServiceDatabase;
let app: FastifyInstance;
let origin: string;
let writer: string;
const NONE = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-cray-statuses-'));
  database = await openServiceDatabase(path.join(dir, 'service.sqlite'));
  writer = await createApiKey(database.db, 'wendy', 'writer');
  app = await buildServiceApp({
    db: database.db,
    artifacts: new FilesystemArtifactStore(path.join(dir, 'artifacts')),
  });
  origin = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await app?.close();
  await database?.db.destroy();
});

/** A request as Cray's clients send one: JSON text (or raw bytes) with a bearer token. */
const call = (method: string, url: string, body?: string, type = 'application/json') =>
  fetch(`${origin}${url}`, {
    method,
    headers: { authorization: `Bearer ${writer}`, ...(body === undefined ? {} : { 'content-type': type }) },
    ...(body === undefined ? {} : { body }),
  });
const json = (value: unknown) => JSON.stringify(value);
const kiwi = json({ name: 'k', recipe_type: 'kiwi-ng', linux_distribution: 'sles15' });

describe("Cray's paths", () => {
  it.each(['/apis/ims', '/ims'])('serves the v3 API, healthz and version under %s', async (prefix) => {
    const created = await call('POST', `${prefix}/v3/recipes`, kiwi);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    // One set of records, whichever path wrote it.
    for (const other of ['/apis/ims', '/ims'])
      expect((await call('GET', `${other}/v3/recipes/${id}`)).status).toBe(200);
    for (const probe of ['healthz/ready', 'healthz/live']) {
      const answer = await fetch(`${origin}${prefix}/${probe}`);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({});
    }
    const version = await fetch(`${origin}${prefix}/version`);
    expect(version.status).toBe(200);
    expect(await version.json()).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('says which URL had no route, as the client wrote it', async () => {
    const answer = await call('GET', '/apis/ims/v3/flavours');
    expect(answer.status).toBe(404);
    expect(await answer.json()).toMatchObject({
      instance: '/apis/ims/v3/flavours',
      detail: /\/apis\/ims\/v3\/flavours/,
    });
    expect((await call('GET', '/apisx/ims/v3/recipes')).status).toBe(404);
  });
});

describe("Cray's statuses", () => {
  let recipe: string;
  let image: string;
  beforeAll(async () => {
    recipe = ((await (await call('POST', '/apis/ims/v3/recipes', kiwi)).json()) as { id: string }).id;
    image = (
      (await (await call('POST', '/apis/ims/v3/images', json({ name: 'i' }))).json()) as { id: string }
    ).id;
  });

  it.each<[string, string, () => string, string | undefined, number]>([
    ['POST recipes with no body', 'POST', () => '/apis/ims/v3/recipes', undefined, 400],
    ['POST recipes with an empty JSON body', 'POST', () => '/apis/ims/v3/recipes', '', 400],
    ['POST recipes with {}', 'POST', () => '/apis/ims/v3/recipes', '{}', 400],
    ['POST images with []', 'POST', () => '/apis/ims/v3/images', '[]', 400],
    ['POST images with JSON that does not parse', 'POST', () => '/apis/ims/v3/images', '{"name": ', 400],
    ['PATCH a recipe with null', 'PATCH', () => `/apis/ims/v3/recipes/${recipe}`, 'null', 400],
    ['PATCH deleted/images with no body', 'PATCH', () => '/apis/ims/v3/deleted/images', undefined, 400],
    [
      'POST recipes without linux_distribution',
      'POST',
      () => '/apis/ims/v3/recipes',
      json({ name: 'k', recipe_type: 'kiwi-ng' }),
      422,
    ],
    [
      'POST recipes with an unknown field',
      'POST',
      () => '/apis/ims/v3/recipes',
      json({ name: 'k', recipe_type: 'kiwi-ng', linux_distribution: 'sles15', os: 'x' }),
      422,
    ],
    ['POST images with a blank name', 'POST', () => '/apis/ims/v3/images', json({ name: '' }), 422],
    [
      'POST images with a link out of the store',
      'POST',
      () => '/apis/ims/v3/images',
      json({ name: 'i', link: { path: 'file:///etc/passwd', type: 'file' } }),
      422,
    ],
    [
      'POST public-keys with a private key',
      'POST',
      () => '/apis/ims/v3/public-keys',
      json({ name: 'k', public_key: '-----BEGIN OPENSSH PRIVATE KEY-----' }),
      422,
    ],
    [
      'POST public-keys with a string body',
      'POST',
      () => '/apis/ims/v3/public-keys',
      '"ssh-ed25519 AAAA"',
      422,
    ],
    [
      'PATCH an image with an unknown metadata operation',
      'PATCH',
      () => `/apis/ims/v3/images/${image}`,
      json({ metadata: { operation: 'x', key: 'k' } }),
      422,
    ],
    [
      'PATCH deleted/recipes/{id} with another operation',
      'PATCH',
      () => `/apis/ims/v3/deleted/recipes/${NONE}`,
      json({ operation: 'delete' }),
      422,
    ],
    ['GET a recipe that is not there', 'GET', () => `/apis/ims/v3/recipes/${NONE}`, undefined, 404],
    ['GET an image by a malformed id', 'GET', () => '/apis/ims/v3/images/not-a-uuid', undefined, 404],
    [
      'PATCH a recipe that is not there',
      'PATCH',
      () => `/apis/ims/v3/recipes/${NONE}`,
      json({ arch: 'aarch64' }),
      404,
    ],
    [
      'PATCH an image that is not there',
      'PATCH',
      () => `/apis/ims/v3/images/${NONE}`,
      json({ arch: 'aarch64' }),
      404,
    ],
    [
      'undelete a recipe that is not deleted',
      'PATCH',
      () => `/apis/ims/v3/deleted/recipes/${recipe}`,
      json({ operation: 'undelete' }),
      404,
    ],
    [
      'GET a deleted public key that is not there',
      'GET',
      () => `/apis/ims/v3/deleted/public-keys/${NONE}`,
      undefined,
      404,
    ],
  ])('%s: %s → %i', async (_label, method, url, body, status) => {
    const answer = await call(method, url(), body);
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await answer.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({
      type: 'about:blank',
      status,
      title: expect.any(String),
      detail: expect.any(String),
    });
    expect(problem.instance).toBe(url());
  });

  it('409: a link is set once; another one conflicts', async () => {
    const patch = (body: object) => call('PATCH', `/apis/ims/v3/recipes/${recipe}`, json(body));
    const put = await fetch(`${origin}/apis/ims/v3/recipes/${recipe}/archive`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${writer}`, 'content-type': 'application/gzip' },
      body: new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
    });
    expect(put.status).toBe(200);
    const { link } = (await put.json()) as { link: { path: string; etag: string; type: string } };
    expect((await patch({ link })).status).toBe(200);
    const changed = await patch({ link: { ...link, etag: 'f00' } });
    expect(changed.status).toBe(409);
    expect(changed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('the probes, on a service whose reads need a key', () => {
  it('answers healthz without a key, and the API and version only with one', async () => {
    const closed = await buildServiceApp({
      db: database.db,
      artifacts: new FilesystemArtifactStore(await mkdtemp(path.join(os.tmpdir(), 'stackhook-cray-closed-'))),
      readsNeedKey: true,
    });
    try {
      for (const probe of ['/apis/ims/healthz/ready', '/ims/healthz/live'])
        expect((await closed.inject(probe)).statusCode).toBe(200);
      for (const url of ['/apis/ims/v3/recipes', '/apis/ims/version'])
        expect((await closed.inject(url)).statusCode).toBe(401);
      const keyed = await closed.inject({
        url: '/apis/ims/version',
        headers: { authorization: `Bearer ${writer}` },
      });
      expect(keyed.statusCode).toBe(200);
    } finally {
      await closed.close();
    }
  });
});
