import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { FastifyInstance } from 'fastify';
import { FilesystemArtifactStore } from '../../src/artifacts/filesystem-artifact-store.js';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import type { ServiceDatabase } from '../../src/server/open-service-database.js';
import { CATALOG_DATABASES } from '../catalog/catalog-databases.js';

// IMS v3 public keys, with keys made by OpenSSH's ssh-keygen.
describe.each(CATALOG_DATABASES)('IMS public keys on $name', ({ open }) => {
  let database: ServiceDatabase;
  let app: FastifyInstance;
  let writer: string;
  let admin: string;
  let publicKey: string;
  let privateKey: string;
  const as = (key: string) => ({ authorization: `Bearer ${key}` });

  beforeAll(async () => {
    database = await open();
    writer = await createApiKey(database.db, 'wendy', 'writer');
    admin = await createApiKey(database.db, 'ada', 'admin');
    const artifacts = new FilesystemArtifactStore(await mkdtemp(path.join(os.tmpdir(), 'stackhook-keys-')));
    app = await buildServiceApp({ db: database.db, artifacts });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-ssh-'));
    await execa('ssh-keygen', [
      '-q',
      '-t',
      'ed25519',
      '-N',
      '',
      '-C',
      'wendy@laptop',
      '-f',
      path.join(dir, 'id'),
    ]);
    publicKey = await readFile(path.join(dir, 'id.pub'), 'utf8');
    privateKey = await readFile(path.join(dir, 'id'), 'utf8');
  });
  afterAll(async () => {
    await app?.close();
    await database?.db.destroy();
  });

  it('keeps a public key, hides it under deleted/, brings it back and deletes it for good', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/ims/v3/public-keys',
      headers: as(writer),
      payload: { name: 'wendy', public_key: publicKey },
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as { id: string };
    expect(created.json()).toMatchObject({ name: 'wendy', public_key: publicKey.trim() });
    expect((await app.inject('/ims/v3/public-keys')).json()).toEqual([expect.objectContaining({ id })]);
    expect(
      (await app.inject({ method: 'DELETE', url: `/ims/v3/public-keys/${id}`, headers: as(admin) }))
        .statusCode,
    ).toBe(204);
    expect((await app.inject('/ims/v3/public-keys')).json()).toEqual([]);
    expect((await app.inject('/ims/v3/deleted/public-keys')).json()).toEqual([
      expect.objectContaining({ id }),
    ]);
    const back = await app.inject({
      method: 'PATCH',
      url: `/ims/v3/deleted/public-keys/${id}`,
      headers: as(writer),
      payload: { operation: 'undelete' },
    });
    expect(back.statusCode).toBe(204);
    await app.inject({ method: 'DELETE', url: `/ims/v3/public-keys/${id}`, headers: as(admin) });
    expect(
      (await app.inject({ method: 'DELETE', url: `/ims/v3/deleted/public-keys/${id}`, headers: as(admin) }))
        .statusCode,
    ).toBe(204);
    expect((await app.inject(`/ims/v3/deleted/public-keys/${id}`)).statusCode).toBe(404);
  });

  it.each([
    ['a private key', () => privateKey],
    ['a key with authorized_keys options', () => `command="rm -rf /" ${publicKey}`],
    ['two keys', () => `${publicKey}${publicKey}`],
    ['not a key', () => 'hello'],
  ])('refuses %s', async (_label, value) => {
    const refused = await app.inject({
      method: 'POST',
      url: '/ims/v3/public-keys',
      headers: as(writer),
      payload: { name: 'x', public_key: value() },
    });
    expect(refused.statusCode).toBe(422);
  });
});
