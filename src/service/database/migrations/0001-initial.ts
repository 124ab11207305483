import type { ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';
import type { DatabaseDialect } from '../database-dialect.js';

/** The SWTAG and IMAGE tables, the counters and the audit log; identity and idempotency as unique indexes. */
export function initialMigration(dialect: DatabaseDialect): Migration {
  // IDs are never reused: AUTOINCREMENT on SQLite, an identity column on PostgreSQL.
  const id = (column: ColumnDefinitionBuilder) =>
    dialect === 'sqlite'
      ? column.primaryKey().autoIncrement()
      : column.primaryKey().generatedByDefaultAsIdentity();
  return { up: (db) => up(db, id), down };
}

async function up(
  db: Kysely<unknown>,
  id: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder,
): Promise<void> {
  await db.schema
    .createTable('swtag')
    .addColumn('id', 'integer', id)
    .addColumn('tagtype', 'text', (column) => column.notNull())
    .addColumn('tagnumber', 'integer', (column) => column.notNull().unique())
    .addColumn('tagname', 'text', (column) => column.notNull().unique())
    .addColumn('imagetype', 'text', (column) => column.notNull())
    .addColumn('imagearch', 'text', (column) => column.notNull())
    .addColumn('imageplatform', 'text', (column) => column.notNull())
    .addColumn('imagecompiler', 'text', (column) => column.notNull())
    .addColumn('prodstep', 'text', (column) => column.notNull())
    .addColumn('swrelease', 'text', (column) => column.notNull())
    .addColumn('dbrelease', 'text', (column) => column.notNull())
    .addColumn('distswrelease', 'text', (column) => column.notNull())
    .addColumn('version', 'text', (column) => column.notNull())
    .addColumn('comment', 'text', (column) => column.notNull().defaultTo(''))
    .addColumn('created', 'text', (column) => column.notNull())
    .addColumn('createdby', 'text', (column) => column.notNull())
    .addColumn('modified', 'text', (column) => column.notNull())
    .addColumn('modifiedby', 'text', (column) => column.notNull())
    .addUniqueConstraint('swtag_identity', [
      'tagtype',
      'imagetype',
      'imagearch',
      'imageplatform',
      'imagecompiler',
      'prodstep',
      'swrelease',
      'dbrelease',
      'distswrelease',
      'version',
    ])
    .execute();
  await db.schema
    .createTable('image')
    .addColumn('id', 'integer', id)
    .addColumn('registry', 'text', (column) => column.notNull())
    .addColumn('repository_user', 'text', (column) => column.notNull())
    .addColumn('repository_name', 'text', (column) => column.notNull())
    .addColumn('repository_swtag', 'text', (column) => column.notNull().references('swtag.tagname'))
    .addColumn('repository_counter', 'integer', (column) => column.notNull())
    .addColumn('hash_digest', 'text', (column) => column.notNull())
    .addColumn('created', 'text', (column) => column.notNull())
    .addColumn('createdby', 'text', (column) => column.notNull())
    .addColumn('modified', 'text', (column) => column.notNull())
    .addColumn('modifiedby', 'text', (column) => column.notNull())
    .addUniqueConstraint('image_publication', [
      'registry',
      'repository_user',
      'repository_name',
      'repository_swtag',
      'hash_digest',
    ])
    .addUniqueConstraint('image_counter', [
      'registry',
      'repository_user',
      'repository_name',
      'repository_swtag',
      'repository_counter',
    ])
    .execute();
  await db.schema.createIndex('image_by_swtag').on('image').column('repository_swtag').execute();
  await db.schema
    .createTable('counter')
    .addColumn('name', 'text', (column) => column.primaryKey())
    .addColumn('value', 'integer', (column) => column.notNull())
    .execute();
  await db.schema
    .createTable('audit')
    .addColumn('id', 'integer', id)
    .addColumn('at', 'text', (column) => column.notNull())
    .addColumn('actor', 'text', (column) => column.notNull())
    .addColumn('linux_username', 'text')
    .addColumn('github_username', 'text')
    .addColumn('action', 'text', (column) => column.notNull())
    .addColumn('entity', 'text', (column) => column.notNull())
    .addColumn('entity_id', 'text', (column) => column.notNull())
    .addColumn('changes', 'text', (column) => column.notNull())
    .execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit', 'counter', 'image', 'swtag']) await db.schema.dropTable(table).execute();
}
