import type { Kysely, Migration } from 'kysely';

/** IMS's recipes and public keys (ids are UUIDs, as IMS's; `deleted` set while under deleted/). */
export function imsRecordsMigration(): Migration {
  return {
    up: async (db: Kysely<unknown>) => {
      await db.schema
        .createTable('ims_recipe')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('recipe_type', 'text', (column) => column.notNull())
        .addColumn('linux_distribution', 'text', (column) => column.notNull())
        .addColumn('template_dictionary', 'text', (column) => column.notNull())
        .addColumn('link_path', 'text')
        .addColumn('link_etag', 'text')
        .addColumn('link_type', 'text')
        .addColumn('created', 'text', (column) => column.notNull())
        .addColumn('deleted', 'text')
        .execute();
      await db.schema
        .createTable('ims_public_key')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('public_key', 'text', (column) => column.notNull())
        .addColumn('created', 'text', (column) => column.notNull())
        .addColumn('deleted', 'text')
        .execute();
    },
    down: async (db: Kysely<unknown>) => {
      await db.schema.dropTable('ims_public_key').execute();
      await db.schema.dropTable('ims_recipe').execute();
    },
  };
}
