import type { Transaction } from 'kysely';
import type { CatalogTables } from './catalog-tables.js';

/** Takes the next value of a counter that only goes up (1 for a new one), atomically on SQLite and PostgreSQL. */
export async function nextCounter(trx: Transaction<CatalogTables>, name: string): Promise<number> {
  const row = await trx
    .insertInto('counter')
    .values({ name, value: 1 })
    .onConflict((conflict) =>
      conflict.column('name').doUpdateSet((eb) => ({ value: eb('counter.value', '+', 1) })),
    )
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}
