import type { Kysely, Selectable } from 'kysely';
import type { CatalogSchema } from '../catalog/catalog-schema.js';
import { StackhookError } from '../errors/stackhook-error.js';

type ImsTableName = 'ims_recipe' | 'ims_image' | 'ims_public_key';

export function notFound(what: string): StackhookError {
  return new StackhookError({ kind: 'input', status: 404, description: `no ${what}`, subject: what });
}

/**
 * The record-keeping every IMS resource shares: rows with a UUID and a `deleted` time, listed and fetched on
 * either side of deleted/, moved across it, and removed for good.
 */
export class ImsTable<T extends ImsTableName> {
  constructor(
    private readonly db: Kysely<CatalogSchema>,
    private readonly table: T,
    /** How the resource is named in errors: `recipe`, `image`, `public key`. */
    private readonly noun: string,
  ) {}

  async insert(row: CatalogSchema[T]): Promise<void> {
    await this.db
      .insertInto(this.table as 'ims_recipe')
      .values(row as CatalogSchema['ims_recipe'])
      .execute();
  }

  async list(deleted: boolean): Promise<Selectable<CatalogSchema[T]>[]> {
    const rows = await this.db
      .selectFrom(this.table as 'ims_recipe')
      .selectAll()
      .where('deleted', deleted ? 'is not' : 'is', null)
      .orderBy('created')
      .orderBy('id')
      .execute();
    return rows as unknown as Selectable<CatalogSchema[T]>[];
  }

  async get(id: string, deleted = false): Promise<Selectable<CatalogSchema[T]>> {
    const row = await this.db
      .selectFrom(this.table as 'ims_recipe')
      .selectAll()
      .where('id', '=', id)
      .where('deleted', deleted ? 'is not' : 'is', null)
      .executeTakeFirst();
    if (!row) throw notFound(deleted ? `deleted ${this.noun} ${id}` : `${this.noun} ${id}`);
    return row as unknown as Selectable<CatalogSchema[T]>;
  }

  /** Sets columns of a row (a link, `deleted`). */
  async update(id: string, columns: Partial<CatalogSchema[T]>): Promise<void> {
    if (Object.keys(columns).length === 0) return;
    await this.db
      .updateTable(this.table as 'ims_recipe')
      .set(columns as Partial<CatalogSchema['ims_recipe']>)
      .where('id', '=', id)
      .execute();
  }

  async remove(id: string): Promise<void> {
    await this.db
      .deleteFrom(this.table as 'ims_recipe')
      .where('id', '=', id)
      .execute();
  }
}
