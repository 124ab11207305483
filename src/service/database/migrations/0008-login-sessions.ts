import type { Kysely, Migration } from 'kysely';

/**
 * Web page logins kept server-side (the cookie holds an opaque id, not the key; logging out or revoking the key
 * ends them), and when each key was last used.
 */
export function loginSessionsMigration(): Migration {
  return {
    up: async (db: Kysely<unknown>) => {
      await db.schema.alterTable('api_key').addColumn('last_used', 'text').execute();
      await db.schema
        .createTable('login_session')
        .addColumn('id_hash', 'text', (column) => column.primaryKey())
        .addColumn('api_key_id', 'integer', (column) =>
          column.notNull().references('api_key.id').onDelete('cascade'),
        )
        .addColumn('created', 'text', (column) => column.notNull())
        .addColumn('expires', 'text', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('login_session_api_key').on('login_session').column('api_key_id').execute();
    },
    down: async (db: Kysely<unknown>) => {
      await db.schema.dropTable('login_session').execute();
      await db.schema.alterTable('api_key').dropColumn('last_used').execute();
    },
  };
}
