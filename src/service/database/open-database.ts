import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration } from 'kysely';
import pg from 'pg';
import { inputError, StackhookError } from '../../errors/stackhook-error.js';
import type { DatabaseDialect } from './database-dialect.js';
import { initialMigration } from './migrations/0001-initial.js';
import { apiKeysMigration } from './migrations/0002-api-keys.js';
import { imsRecordsMigration } from './migrations/0003-ims-records.js';
import { imsImagesMigration } from './migrations/0004-ims-images.js';
import { imsJobsMigration } from './migrations/0005-ims-jobs.js';
import { imsCustomizeMigration } from './migrations/0006-ims-customize.js';
import { buildJobsMigration } from './migrations/0007-build-jobs.js';
import { loginSessionsMigration } from './migrations/0008-login-sessions.js';
import { serviceSettingsMigration } from './migrations/0009-service-settings.js';
import { imsCrayFieldsMigration } from './migrations/0010-ims-cray-fields.js';
import { imsJobFieldsMigration } from './migrations/0011-ims-job-fields.js';
import { imsRemoteBuildNodesMigration } from './migrations/0013-ims-remote-build-nodes.js';

export interface OpenDatabase<Schema> {
  db: Kysely<Schema>;
  dialect: DatabaseDialect;
}

/**
 * The service's database, migrated to the newest schema (every feature's tables, in the order databases in the
 * field recorded the migrations), typed as `Schema`: the server opens it with all the features' tables, a writer
 * of the catalog with the catalog's only. SQLite at a file path (WAL, so readers don't wait for
 * the writer; synchronous=FULL, so an acknowledged write survives a kill -9) or PostgreSQL at a postgres:// URL.
 */
export async function openDatabase<Schema>(location: string): Promise<OpenDatabase<Schema>> {
  let opened: OpenDatabase<Schema>;
  if (/^postgres(ql)?:\/\//.test(location)) {
    const pool = new pg.Pool({ connectionString: location, max: 10 });
    opened = {
      db: new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) }),
      dialect: 'postgres',
    };
  } else {
    if (location.includes('://'))
      throw inputError(`not a SQLite file or a postgres:// URL: ${location}`, '--database');
    mkdirSync(path.dirname(path.resolve(location)), { recursive: true });
    // Loaded when used: a native addon the bundled GitHub Action does not carry (it registers over HTTP).
    const { default: SQLite } = await import('better-sqlite3').catch((cause: unknown) => {
      throw new StackhookError({
        kind: 'input',
        description:
          'SQLite (better-sqlite3) is not available here: give a postgres:// URL or a catalog service URL',
        subject: location,
        cause,
      });
    });
    const database = new SQLite(location);
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    opened = {
      db: new Kysely<Schema>({ dialect: new SqliteDialect({ database }) }),
      dialect: 'sqlite',
    };
  }
  const migrations: Record<string, Migration> = {
    '0001-initial': initialMigration(opened.dialect),
    '0002-api-keys': apiKeysMigration(opened.dialect),
    '0003-ims-records': imsRecordsMigration(),
    '0004-ims-images': imsImagesMigration(),
    '0005-ims-jobs': imsJobsMigration(),
    '0006-ims-customize': imsCustomizeMigration(),
    '0007-build-jobs': buildJobsMigration(),
    '0008-login-sessions': loginSessionsMigration(),
    '0009-service-settings': serviceSettingsMigration(),
    '0010-ims-cray-fields': imsCrayFieldsMigration(),
    '0011-ims-job-fields': imsJobFieldsMigration(),
    '0013-ims-remote-build-nodes': imsRemoteBuildNodesMigration(),
  };
  const { error } = await new Migrator({
    db: opened.db,
    provider: { getMigrations: async () => migrations },
  }).migrateToLatest();
  if (error) {
    await opened.db.destroy();
    throw error;
  }
  return opened;
}
