import type { Kysely, Selectable } from 'kysely';
import type { ImsTables } from './ims-tables.js';
import { notFoundError } from '../errors/not-found-error.js';

type ImsTableName = 'ims_recipe' | 'ims_image' | 'ims_public_key';

/**
 * The state a conditional change expects a row in: live or under deleted/, and (for tables with links) linked
 * to exactly this link, or not linked yet (null).
 */
export interface RowState {
  deleted: boolean;
  link?: { path: string; etag: string } | null;
}

/**
 * The record-keeping every IMS resource shares: rows with a UUID and a `deleted` time, listed and fetched on
 * either side of deleted/, moved across it, and removed for good.
 */
export class ImsTable<T extends ImsTableName> {
  constructor(
    private readonly db: Kysely<ImsTables>,
    private readonly table: T,
    /** How the resource is named in errors: `recipe`, `image`, `public key`. */
    private readonly noun: string,
  ) {}

  async insert(row: ImsTables[T]): Promise<void> {
    await this.db
      .insertInto(this.table as 'ims_recipe')
      .values(row as ImsTables['ims_recipe'])
      .execute();
  }

  async list(deleted: boolean): Promise<Selectable<ImsTables[T]>[]> {
    const rows = await this.db
      .selectFrom(this.table as 'ims_recipe')
      .selectAll()
      .where('deleted', deleted ? 'is not' : 'is', null)
      .orderBy('created')
      .orderBy('id')
      .execute();
    return rows as unknown as Selectable<ImsTables[T]>[];
  }

  async get(id: string, deleted = false): Promise<Selectable<ImsTables[T]>> {
    const row = await this.db
      .selectFrom(this.table as 'ims_recipe')
      .selectAll()
      .where('id', '=', id)
      .where('deleted', deleted ? 'is not' : 'is', null)
      .executeTakeFirst();
    if (!row) throw notFoundError(deleted ? `deleted ${this.noun} ${id}` : `${this.noun} ${id}`);
    return row as unknown as Selectable<ImsTables[T]>;
  }

  /** Sets columns of a row (a link, `deleted`). */
  async update(id: string, columns: Partial<ImsTables[T]>): Promise<void> {
    if (Object.keys(columns).length === 0) return;
    await this.db
      .updateTable(this.table as 'ims_recipe')
      .set(columns as Partial<ImsTables['ims_recipe']>)
      .where('id', '=', id)
      .execute();
  }

  /**
   * Sets columns only if the row is in `state`, in one UPDATE: true when it was (this caller made the change),
   * false when the row is gone or another writer changed it first.
   */
  async updateIf(id: string, state: RowState, columns: Partial<ImsTables[T]>): Promise<boolean> {
    let update = this.db
      .updateTable(this.table as 'ims_recipe')
      .set(columns as Partial<ImsTables['ims_recipe']>)
      .where('id', '=', id)
      .where('deleted', state.deleted ? 'is not' : 'is', null);
    if (state.link === null) update = update.where('link_path', 'is', null);
    else if (state.link)
      update = update.where('link_path', '=', state.link.path).where('link_etag', '=', state.link.etag);
    const result = await update.executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Removes a row under deleted/ for good: true when this caller removed it. */
  async removeDeleted(id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom(this.table as 'ims_recipe')
      .where('id', '=', id)
      .where('deleted', 'is not', null)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  /** Whether a row with this id exists, live or deleted. */
  async exists(id: string): Promise<boolean> {
    const row = await this.db
      .selectFrom(this.table as 'ims_recipe')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The ids of rows (live or deleted) whose link has this path. */
  async idsLinking(path: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom(this.table as 'ims_recipe')
      .select('id')
      .where('link_path', '=', path)
      .execute();
    return rows.map((row) => row.id);
  }
}
