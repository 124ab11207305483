import type { Kysely } from 'kysely';

/**
 * The service's database as one feature sees it: its own tables only. Kysely's types are invariant in the schema
 * (a `Kysely<A & B>` is not a `Kysely<A>`), so features narrow here, once, and `Schema extends Tables` checks at
 * compile time that the database given really has the feature's tables. Usage: `featureDatabase<ImsTables>()(db)`.
 */
export function featureDatabase<Tables>(): <Schema extends Tables>(db: Kysely<Schema>) => Kysely<Tables> {
  return (db) => db as unknown as Kysely<Tables>;
}
