import { createHash, randomBytes } from 'node:crypto';
import { serviceDatabase } from '../database/service-database.js';
import type { Kysely } from 'kysely';
import { markUsed, type KeyHolder } from './api-keys.js';
import type { ServiceTables } from '../database/service-tables.js';

const hash = (id: string): string => createHash('sha256').update(id).digest('hex');

/**
 * Web page logins, kept in the catalog's database: the cookie holds a random session id (32 bytes; only its hash
 * is stored), never the key. A session ends at logout, at its expiry, or when its key is revoked.
 */
export class LoginSessions<Schema extends ServiceTables = ServiceTables> {
  private readonly db: Kysely<ServiceTables>;

  constructor(
    database: Kysely<Schema>,
    readonly lifetimeSeconds = 8 * 60 * 60,
  ) {
    this.db = serviceDatabase(database);
  }

  /** Starts a session for the key `keyId`; returns its id, for the cookie. Sessions that ended are swept. */
  async start(keyId: number): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    const now = new Date();
    await this.db.deleteFrom('login_session').where('expires', '<=', now.toISOString()).execute();
    await this.db
      .insertInto('login_session')
      .values({
        id_hash: hash(id),
        api_key_id: keyId,
        created: now.toISOString(),
        expires: new Date(now.getTime() + this.lifetimeSeconds * 1000).toISOString(),
      })
      .execute();
    return id;
  }

  /** The holder of the key a live session stands for, or undefined. */
  async find(id: string): Promise<KeyHolder | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
    const row = await this.db
      .selectFrom('login_session')
      .innerJoin('api_key', 'api_key.id', 'login_session.api_key_id')
      .select(['api_key.id', 'api_key.username', 'api_key.role', 'api_key.last_used'])
      .where('login_session.id_hash', '=', hash(id))
      .where('login_session.expires', '>', new Date().toISOString())
      .executeTakeFirst();
    if (!row) return undefined;
    await markUsed(this.db, row.id, row.last_used);
    return { keyId: row.id, username: row.username, role: row.role };
  }

  async end(id: string): Promise<void> {
    await this.db.deleteFrom('login_session').where('id_hash', '=', hash(id)).execute();
  }
}
