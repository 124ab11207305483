import type { Kysely } from 'kysely';
import { notFoundError } from '../../errors/not-found-error.js';
import { imsDatabase } from '../ims-database.js';
import type { ImsTables } from '../ims-tables.js';

/** Cray's RemoteBuildNodeRecord: a node is its xname. */
export interface RemoteBuildNodeRecord {
  xname: string;
}

/** The registered remote build nodes. Registering one twice keeps one record (as Cray's IMS does). */
export class RemoteBuildNodeRepository<Schema extends ImsTables = ImsTables> {
  private readonly db: Kysely<ImsTables>;

  constructor(database: Kysely<Schema>) {
    this.db = imsDatabase(database);
  }

  async add(xname: string): Promise<RemoteBuildNodeRecord> {
    await this.db
      .insertInto('ims_remote_build_node')
      .values({ xname, created: new Date().toISOString() })
      .onConflict((conflict) => conflict.column('xname').doNothing())
      .execute();
    return { xname };
  }

  async list(): Promise<RemoteBuildNodeRecord[]> {
    return this.db.selectFrom('ims_remote_build_node').select('xname').orderBy('xname').execute();
  }

  async get(xname: string): Promise<RemoteBuildNodeRecord> {
    const row = await this.db
      .selectFrom('ims_remote_build_node')
      .select('xname')
      .where('xname', '=', xname)
      .executeTakeFirst();
    if (!row) throw notFoundError(`remote build node ${xname}`);
    return row;
  }

  async remove(xname: string): Promise<void> {
    const result = await this.db
      .deleteFrom('ims_remote_build_node')
      .where('xname', '=', xname)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) !== 1) throw notFoundError(`remote build node ${xname}`);
  }

  async removeAll(): Promise<void> {
    await this.db.deleteFrom('ims_remote_build_node').execute();
  }
}
