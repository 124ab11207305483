import type { Kysely, Migration } from 'kysely';

/** IMS images: a record whose link points at its manifest.json in the artifact store. */
export function imsImagesMigration(): Migration {
  return {
    up: async (db: Kysely<unknown>) => {
      await db.schema
        .createTable('ims_image')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('arch', 'text', (column) => column.notNull())
        .addColumn('link_path', 'text')
        .addColumn('link_etag', 'text')
        .addColumn('link_type', 'text')
        .addColumn('created', 'text', (column) => column.notNull())
        .addColumn('deleted', 'text')
        .execute();
    },
    down: async (db: Kysely<unknown>) => {
      await db.schema.dropTable('ims_image').execute();
    },
  };
}
