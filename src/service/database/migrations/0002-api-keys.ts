import type { ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';
import type { DatabaseDialect } from '../database-dialect.js';

/** API keys: only a hash of each key is kept, found by its public prefix. */
export function apiKeysMigration(dialect: DatabaseDialect): Migration {
  const id = (column: ColumnDefinitionBuilder) =>
    dialect === 'sqlite'
      ? column.primaryKey().autoIncrement()
      : column.primaryKey().generatedByDefaultAsIdentity();
  return {
    up: async (db: Kysely<unknown>) => {
      await db.schema
        .createTable('api_key')
        .addColumn('id', 'integer', id)
        .addColumn('prefix', 'text', (column) => column.notNull().unique())
        .addColumn('hash', 'text', (column) => column.notNull())
        .addColumn('username', 'text', (column) => column.notNull())
        .addColumn('role', 'text', (column) => column.notNull())
        .addColumn('created', 'text', (column) => column.notNull())
        .execute();
    },
    down: async (db: Kysely<unknown>) => {
      await db.schema.dropTable('api_key').execute();
    },
  };
}
