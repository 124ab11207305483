import type { Kysely, Migration } from 'kysely';

/** Facts about the service that owns this database (its instance id: which job containers are its own). */
export function serviceSettingsMigration(): Migration {
  return {
    up: async (db: Kysely<unknown>) => {
      await db.schema
        .createTable('service_setting')
        .addColumn('name', 'text', (column) => column.primaryKey())
        .addColumn('value', 'text', (column) => column.notNull())
        .execute();
    },
    down: async (db: Kysely<unknown>) => {
      await db.schema.dropTable('service_setting').execute();
    },
  };
}
