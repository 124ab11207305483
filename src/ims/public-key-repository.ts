import { randomUUID } from 'node:crypto';
import { imsDatabase } from './ims-database.js';
import type { Kysely, Selectable } from 'kysely';
import type { ImsTables, ImsPublicKeyTable } from './ims-tables.js';
import { ImsTable } from './ims-table.js';
import type { SoftDeletable } from './soft-deletable.js';
import { notFoundError } from '../errors/not-found-error.js';

export interface PublicKeyRecord {
  id: string;
  name: string;
  public_key: string;
  created: string;
  deleted?: string;
}

/** IMS public keys: what customize jobs authorise in their sshd. Deleting hides one under deleted/. */
export class PublicKeyRepository<
  Schema extends ImsTables = ImsTables,
> implements SoftDeletable<PublicKeyRecord> {
  private readonly rows: ImsTable<'ims_public_key'>;

  constructor(database: Kysely<Schema>) {
    const db = imsDatabase(database);
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

  /** Each change is one conditional update: of concurrent ones, one wins and the others are 404s. */
  async softDelete(id: string): Promise<void> {
    if (!(await this.rows.updateIf(id, { deleted: false }, { deleted: new Date().toISOString() })))
      throw notFoundError(`public key ${id}`);
  }

  async undelete(id: string): Promise<PublicKeyRecord> {
    if (!(await this.rows.updateIf(id, { deleted: true }, { deleted: null })))
      throw notFoundError(`deleted public key ${id}`);
    return this.get(id);
  }

  async purge(id: string): Promise<void> {
    if (!(await this.rows.removeDeleted(id))) throw notFoundError(`deleted public key ${id}`);
  }
}

function toRecord(row: Selectable<ImsPublicKeyTable>): PublicKeyRecord {
  const { deleted, ...rest } = row;
  return { ...rest, ...(deleted ? { deleted } : {}) };
}
