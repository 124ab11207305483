import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { CatalogSchema, ImsPublicKeyTable } from '../catalog/catalog-schema.js';
import { notFound } from './recipe-repository.js';

export interface PublicKeyRecord {
  id: string;
  name: string;
  public_key: string;
  created: string;
  deleted?: string;
}

/** IMS public keys: what customize jobs authorise in their sshd. Deleting hides one under deleted/. */
export class PublicKeyRepository {
  constructor(private readonly db: Kysely<CatalogSchema>) {}

  async create(key: { name: string; public_key: string }): Promise<PublicKeyRecord> {
    const row = {
      id: randomUUID(),
      name: key.name,
      public_key: key.public_key.trim(),
      created: new Date().toISOString(),
      deleted: null,
    };
    await this.db.insertInto('ims_public_key').values(row).execute();
    return toRecord(row);
  }

  async list(deleted: boolean): Promise<PublicKeyRecord[]> {
    const rows = await this.db
      .selectFrom('ims_public_key')
      .selectAll()
      .where('deleted', deleted ? 'is not' : 'is', null)
      .orderBy('created')
      .orderBy('id')
      .execute();
    return rows.map(toRecord);
  }

  async get(id: string, deleted = false): Promise<PublicKeyRecord> {
    const row = await this.db
      .selectFrom('ims_public_key')
      .selectAll()
      .where('id', '=', id)
      .where('deleted', deleted ? 'is not' : 'is', null)
      .executeTakeFirst();
    if (!row) throw notFound(deleted ? `deleted public key ${id}` : `public key ${id}`);
    return toRecord(row);
  }

  async softDelete(id: string): Promise<void> {
    await this.get(id);
    await this.db
      .updateTable('ims_public_key')
      .set({ deleted: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
  }

  async undelete(id: string): Promise<PublicKeyRecord> {
    await this.get(id, true);
    await this.db.updateTable('ims_public_key').set({ deleted: null }).where('id', '=', id).execute();
    return this.get(id);
  }

  async purge(id: string): Promise<void> {
    await this.get(id, true);
    await this.db.deleteFrom('ims_public_key').where('id', '=', id).execute();
  }
}

function toRecord(row: Selectable<ImsPublicKeyTable>): PublicKeyRecord {
  return {
    id: row.id,
    name: row.name,
    public_key: row.public_key,
    created: row.created,
    ...(row.deleted ? { deleted: row.deleted } : {}),
  };
}
