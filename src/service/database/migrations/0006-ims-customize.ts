import type { Kysely, Migration } from 'kysely';

/** Customize jobs: the public key their sshd takes, and how to reach it (JSON, IMS's ssh_containers). */
export function imsCustomizeMigration(): Migration {
  return {
    up: async (db: Kysely<unknown>) => {
      await db.schema.alterTable('ims_job').addColumn('public_key_id', 'text').execute();
      await db.schema
        .alterTable('ims_job')
        .addColumn('ssh_containers', 'text', (column) => column.notNull().defaultTo('[]'))
        .execute();
    },
    down: async (db: Kysely<unknown>) => {
      await db.schema.alterTable('ims_job').dropColumn('ssh_containers').execute();
      await db.schema.alterTable('ims_job').dropColumn('public_key_id').execute();
    },
  };
}
