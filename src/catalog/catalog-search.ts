import type { Kysely } from 'kysely';
import type { CatalogSchema } from './catalog-schema.js';

export interface Page {
  limit: number;
  offset: number;
}

/** Rows of a table where every given field equals its value, in id order, a page at a time, with the total. */
export async function searchTable<T extends 'swtag' | 'image'>(
  db: Kysely<CatalogSchema>,
  table: T,
  filters: Readonly<Record<string, string | number>>,
  page: Page,
): Promise<{ rows: CatalogSchema[T][]; total: number }> {
  // Field names come from the route schemas' fixed lists, never from free input; values are bound parameters.
  let query = db.selectFrom(table as 'swtag');
  for (const [field, value] of Object.entries(filters))
    query = query.where(field as 'id', '=', value as number);
  const { total } = await query
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await query.selectAll().orderBy('id').limit(page.limit).offset(page.offset).execute();
  return { rows: rows as unknown as CatalogSchema[T][], total: Number(total) };
}
