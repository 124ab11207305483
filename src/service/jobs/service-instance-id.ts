import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { serviceDatabase } from '../database/service-database.js';
import type { ServiceTables } from '../database/service-tables.js';

/** The label every job container carries, valued with the instance id of the service that started it. */
export const INSTANCE_LABEL = 'io.stackhook.instance';

/**
 * The id of the service that owns this database: made at its first start and kept, so that the same service
 * restarted finds its own job containers, and two services on one machine never touch each other's.
 */
export async function serviceInstanceId<Schema extends ServiceTables>(
  database: Kysely<Schema>,
): Promise<string> {
  const db = serviceDatabase(database);
  // Insert-if-absent, then read: two processes starting on one new database agree on the first id written.
  await db
    .insertInto('service_setting')
    .values({ name: 'instance_id', value: randomUUID() })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('service_setting')
    .select('value')
    .where('name', '=', 'instance_id')
    .executeTakeFirstOrThrow();
  return row.value;
}
