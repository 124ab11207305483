import type { Kysely, Migration } from 'kysely';

/** IMS remote build nodes: the machines (by xname) whose podman runs jobs, reached over ssh. */
export function imsRemoteBuildNodesMigration(): Migration {
  return {
    up: async (db: Kysely<unknown>) => {
      await db.schema
        .createTable('ims_remote_build_node')
        .addColumn('xname', 'text', (column) => column.primaryKey())
        .addColumn('created', 'text', (column) => column.notNull())
        .execute();
    },
    down: async (db: Kysely<unknown>) => {
      await db.schema.dropTable('ims_remote_build_node').execute();
    },
  };
}
