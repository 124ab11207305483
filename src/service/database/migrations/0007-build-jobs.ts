import type { Kysely, Migration } from 'kysely';

/** Build API component jobs: what was asked, by whom, where it is, the tarball it made, its log and phases. */
export function buildJobsMigration(): Migration {
  return {
    up: async (db: Kysely<unknown>) => {
      await db.schema
        .createTable('build_job')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('component', 'text', (column) => column.notNull())
        .addColumn('tag', 'text', (column) => column.notNull())
        .addColumn('architecture', 'text', (column) => column.notNull())
        .addColumn('git_url', 'text', (column) => column.notNull())
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('artifact_key', 'text')
        .addColumn('md5', 'text')
        .addColumn('error', 'text')
        .addColumn('log', 'text', (column) => column.notNull())
        .addColumn('phases', 'text', (column) => column.notNull())
        .addColumn('requested_by', 'text', (column) => column.notNull())
        .addColumn('created', 'text', (column) => column.notNull())
        .addColumn('updated', 'text', (column) => column.notNull())
        .execute();
      await db.schema
        .createIndex('build_job_component')
        .on('build_job')
        .columns(['component', 'tag', 'architecture'])
        .execute();
    },
    down: async (db: Kysely<unknown>) => {
      await db.schema.dropTable('build_job').execute();
    },
  };
}
