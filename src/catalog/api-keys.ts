import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CatalogSchema, Role } from './catalog-schema.js';

export const ROLES: readonly Role[] = ['reader', 'writer', 'admin'];

/** What a role may do: each includes the ones before it. */
export function allows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

const hash = (key: string): string => createHash('sha256').update(key).digest('hex');

/**
 * Makes a key `shk_<prefix>_<secret>` (the secret 32 random bytes: a plain SHA-256 of it is safe to keep, unlike a
 * password) and stores its prefix and hash. The key itself is returned once and kept nowhere.
 */
export async function createApiKey(db: Kysely<CatalogSchema>, username: string, role: Role): Promise<string> {
  const prefix = randomBytes(6).toString('hex');
  const key = `shk_${prefix}_${randomBytes(32).toString('base64url')}`;
  await db
    .insertInto('api_key')
    .values({ prefix, hash: hash(key), username, role, created: new Date().toISOString() })
    .execute();
  return key;
}

/** The user and role of a key, or undefined when it is unknown or wrong. */
export async function verifyApiKey(
  db: Kysely<CatalogSchema>,
  key: string,
): Promise<{ username: string; role: Role } | undefined> {
  const prefix = /^shk_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/.exec(key)?.[1];
  if (!prefix) return undefined;
  const row = await db
    .selectFrom('api_key')
    .select(['hash', 'username', 'role'])
    .where('prefix', '=', prefix)
    .executeTakeFirst();
  if (!row) return undefined;
  const same = timingSafeEqual(Buffer.from(row.hash, 'hex'), Buffer.from(hash(key), 'hex'));
  return same ? { username: row.username, role: row.role } : undefined;
}
