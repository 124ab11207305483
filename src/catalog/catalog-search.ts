import { sql, type Kysely } from 'kysely';
import type { CatalogTables } from './catalog-tables.js';

export interface Page {
  limit: number;
  offset: number;
}

export interface SearchOptions {
  /**
   * Rows where any of `fields` contains `text`, ignoring case (ASCII letters only on SQLite, whose lower() folds
   * no others), with `%` and `_` taken literally.
   */
  contains?: { fields: readonly string[]; text: string };
  newestFirst?: boolean;
}

/**
 * Rows of a table where every given field equals its value (and, with `contains`, one of the fields holds the
 * text), in id order, a page at a time, with the total.
 */
export async function searchTable<T extends 'swtag' | 'image'>(
  db: Kysely<CatalogTables>,
  table: T,
  filters: Readonly<Record<string, string | number>>,
  page: Page,
  options: SearchOptions = {},
): Promise<{ rows: CatalogTables[T][]; total: number }> {
  // Field names come from the route schemas' fixed lists, never from free input; values are bound parameters.
  let query = db.selectFrom(table as 'swtag');
  for (const [field, value] of Object.entries(filters))
    query = query.where(field as 'id', '=', value as number);
  const { contains } = options;
  if (contains && contains.text !== '') {
    // `!` escapes: a backslash would mean something else to PostgreSQL without standard_conforming_strings.
    const pattern = `%${contains.text.toLowerCase().replace(/[!%_]/g, (character) => `!${character}`)}%`;
    query = query.where((eb) =>
      eb.or(
        contains.fields.map(
          (field) => sql<boolean>`lower(cast(${sql.ref(field)} as text)) like ${pattern} escape '!'`,
        ),
      ),
    );
  }
  const { total } = await query
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('id', options.newestFirst ? 'desc' : 'asc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows: rows as unknown as CatalogTables[T][], total: Number(total) };
}
