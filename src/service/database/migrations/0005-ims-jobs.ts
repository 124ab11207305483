import type { Kysely, Migration } from 'kysely';

/** IMS jobs: what was asked, where it is, what came of it, its log and how long each phase took. */
export function imsJobsMigration(): Migration {
  return {
    up: async (db: Kysely<unknown>) => {
      await db.schema
        .createTable('ims_job')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('job_type', 'text', (column) => column.notNull())
        .addColumn('artifact_id', 'text', (column) => column.notNull())
        .addColumn('image_root_archive_name', 'text', (column) => column.notNull())
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('resultant_image_id', 'text')
        .addColumn('error', 'text')
        .addColumn('log', 'text', (column) => column.notNull())
        .addColumn('phases', 'text', (column) => column.notNull())
        .addColumn('created', 'text', (column) => column.notNull())
        .addColumn('updated', 'text', (column) => column.notNull())
        .execute();
    },
    down: async (db: Kysely<unknown>) => {
      await db.schema.dropTable('ims_job').execute();
    },
  };
}
