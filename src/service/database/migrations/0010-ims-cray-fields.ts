import type { Kysely, Migration } from 'kysely';

/**
 * Cray IMS v3's fields: a recipe's target `arch` and `require_dkms` (0/1: one type on SQLite and PostgreSQL),
 * an image's `metadata` (a JSON string map).
 */
export function imsCrayFieldsMigration(): Migration {
  return {
    up: async (db: Kysely<unknown>) => {
      await db.schema
        .alterTable('ims_recipe')
        .addColumn('arch', 'text', (column) => column.notNull().defaultTo('x86_64'))
        .execute();
      await db.schema
        .alterTable('ims_recipe')
        .addColumn('require_dkms', 'integer', (column) => column.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('ims_image')
        .addColumn('metadata', 'text', (column) => column.notNull().defaultTo('{}'))
        .execute();
    },
    down: async (db: Kysely<unknown>) => {
      await db.schema.alterTable('ims_image').dropColumn('metadata').execute();
      await db.schema.alterTable('ims_recipe').dropColumn('require_dkms').execute();
      await db.schema.alterTable('ims_recipe').dropColumn('arch').execute();
    },
  };
}
