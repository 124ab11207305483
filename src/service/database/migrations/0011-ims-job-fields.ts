import type { Kysely, Migration } from 'kysely';

/**
 * The rest of Cray's JobRecord: which /boot files become artifacts (null: the defaults), the debug shell, the
 * image root's size limit (GiB), DKMS, the job's architecture. Booleans as 0/1 (SQLite and PostgreSQL alike).
 */
export function imsJobFieldsMigration(): Migration {
  const columns: [string, 'text' | 'integer', string | number | null][] = [
    ['kernel_file_name', 'text', null],
    ['initrd_file_name', 'text', null],
    ['kernel_parameters_file_name', 'text', null],
    ['enable_debug', 'integer', 0],
    ['build_env_size', 'integer', 15],
    ['require_dkms', 'integer', 1],
    ['arch', 'text', 'x86_64'],
  ];
  return {
    up: async (db: Kysely<unknown>) => {
      for (const [name, type, fallback] of columns) {
        await db.schema
          .alterTable('ims_job')
          .addColumn(name, type, (column) =>
            fallback === null ? column : column.notNull().defaultTo(fallback),
          )
          .execute();
      }
    },
    down: async (db: Kysely<unknown>) => {
      for (const [name] of columns.reverse())
        await db.schema.alterTable('ims_job').dropColumn(name).execute();
    },
  };
}
