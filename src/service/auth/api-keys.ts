import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { serviceDatabase } from '../database/service-database.js';
import type { ServiceTables, Role } from '../database/service-tables.js';

export const ROLES: readonly Role[] = ['reader', 'writer', 'admin'];

/** What a role may do: each includes the ones before it. */
export function allows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** Whose a key is, as a request knows it. */
export interface KeyHolder {
  keyId: number;
  username: string;
  role: Role;
}

/** A key as `stackhook catalog keys list` shows it: never its secret. */
export interface ApiKeyListing {
  id: number;
  prefix: string;
  username: string;
  role: Role;
  created: string;
  lastUsed: string | null;
}

const hash = (key: string): string => createHash('sha256').update(key).digest('hex');

/**
 * Makes a key `shk_<prefix>_<secret>` (the secret 32 random bytes: a plain SHA-256 of it is safe to keep, unlike a
 * password) and stores its prefix and hash. The key itself is returned once and kept nowhere.
 */
export async function createApiKey<Schema extends ServiceTables>(
  database: Kysely<Schema>,
  username: string,
  role: Role,
): Promise<string> {
  const db = serviceDatabase(database);
  const prefix = randomBytes(6).toString('hex');
  const key = `shk_${prefix}_${randomBytes(32).toString('base64url')}`;
  await db
    .insertInto('api_key')
    .values({ prefix, hash: hash(key), username, role, created: new Date().toISOString() })
    .execute();
  return key;
}

/**
 * The holder of a key, or undefined when it is unknown or wrong, or (with `username`) another user's. A found key
 * is marked used; a key sent with another user's name is not (it was not used, only guessed at).
 */
export async function verifyApiKey<Schema extends ServiceTables>(
  database: Kysely<Schema>,
  key: string,
  username?: string,
): Promise<KeyHolder | undefined> {
  const db = serviceDatabase(database);
  const prefix = /^shk_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/.exec(key)?.[1];
  if (!prefix) return undefined;
  const row = await db
    .selectFrom('api_key')
    .select(['id', 'hash', 'username', 'role', 'last_used'])
    .where('prefix', '=', prefix)
    .executeTakeFirst();
  if (!row) return undefined;
  if (!timingSafeEqual(Buffer.from(row.hash, 'hex'), Buffer.from(hash(key), 'hex'))) return undefined;
  if (username !== undefined && username !== row.username) return undefined;
  await markUsed(db, row.id, row.last_used);
  return { keyId: row.id, username: row.username, role: row.role };
}

/** Notes that a key was used: at most once a minute, so reads don't each become a write. */
export async function markUsed(
  db: Kysely<ServiceTables>,
  id: number,
  lastUsed: string | null,
): Promise<void> {
  const now = new Date();
  if (lastUsed && now.getTime() - Date.parse(lastUsed) < 60_000) return;
  await db.updateTable('api_key').set({ last_used: now.toISOString() }).where('id', '=', id).execute();
}

export async function listApiKeys<Schema extends ServiceTables>(
  database: Kysely<Schema>,
): Promise<ApiKeyListing[]> {
  const db = serviceDatabase(database);
  const rows = await db
    .selectFrom('api_key')
    .select(['id', 'prefix', 'username', 'role', 'created', 'last_used'])
    .orderBy('id')
    .execute();
  return rows.map(({ last_used, ...row }) => ({ ...row, lastUsed: last_used }));
}

/** Deletes a key and ends its logins, in one transaction; false when there is no key `id`. */
export async function revokeApiKey<Schema extends ServiceTables>(
  database: Kysely<Schema>,
  id: number,
): Promise<boolean> {
  const db = serviceDatabase(database);
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('login_session').where('api_key_id', '=', id).execute();
    const { numDeletedRows } = await trx.deleteFrom('api_key').where('id', '=', id).executeTakeFirstOrThrow();
    return numDeletedRows > 0n;
  });
}
