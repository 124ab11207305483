import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { CatalogSchema, ImsPublicKeyTable } from '../catalog/catalog-schema.js';
import { ImsTable } from './ims-table.js';
import type { SoftDeletable } from './soft-deletable.js';

export interface PublicKeyRecord {
  id: string;
  name: string;
  public_key: string;
  created: string;
  deleted?: string;
}

/** IMS public keys: what customize jobs authorise in their sshd. Deleting hides one under deleted/. */
export class PublicKeyRepository implements SoftDeletable<PublicKeyRecord> {
  private readonly rows: ImsTable<'ims_public_key'>;

  constructor(db: Kysely<CatalogSchema>) {
    this.rows = new ImsTable(db, 'ims_public_key', 'public key');
  }

  async create(key: { name: string; public_key: string }): Promise<PublicKeyRecord> {
    const row = {
      id: randomUUID(),
      name: key.name,
      public_key: key.public_key.trim(),
      created: new Date().toISOString(),
      deleted: null,
    };
    await this.rows.insert(row);
    return toRecord(row);
  }

  async list(deleted: boolean): Promise<PublicKeyRecord[]> {
    return (await this.rows.list(deleted)).map(toRecord);
  }

  async get(id: string, deleted = false): Promise<PublicKeyRecord> {
    return toRecord(await this.rows.get(id, deleted));
  }

  async softDelete(id: string): Promise<void> {
    await this.rows.get(id);
    await this.rows.update(id, { deleted: new Date().toISOString() });
  }

  async undelete(id: string): Promise<PublicKeyRecord> {
    await this.rows.get(id, true);
    await this.rows.update(id, { deleted: null });
    return this.get(id);
  }

  async purge(id: string): Promise<void> {
    await this.rows.get(id, true);
    await this.rows.remove(id);
  }
}

function toRecord(row: Selectable<ImsPublicKeyTable>): PublicKeyRecord {
  const { deleted, ...rest } = row;
  return { ...rest, ...(deleted ? { deleted } : {}) };
}
