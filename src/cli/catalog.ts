import { Command, Option } from 'commander';
import type { Kysely } from 'kysely';
import { createApiKey, listApiKeys, revokeApiKey, ROLES } from '../service/auth/api-keys.js';
import type { ServiceTables, Role } from '../service/database/service-tables.js';
import { openDatabase } from '../service/database/open-database.js';
import { defaultDatabaseFile } from '../service/database/default-database-file.js';
import { inputError } from '../errors/stackhook-error.js';
import type { CliContext } from './cli-context.js';

const DATABASE = [
  '--database <file|postgres://...>',
  'the service’s database, as `stackhook serve --database` (default: .stackhook/service.sqlite)',
] as const;

async function withCatalog<T>(database: string | undefined, work: (db: Kysely<ServiceTables>) => Promise<T>) {
  const { db } = await openDatabase<ServiceTables>(database ?? defaultDatabaseFile().file);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/** `stackhook catalog keys create|list|revoke`: API keys (a new one printed once; only hashes are kept). */
export function catalogCommand(context: () => CliContext): Command {
  const create = new Command('create')
    .description('make an API key (printed once; only its hash is kept)')
    .requiredOption('--user <name>', 'whose key it is (CREATEDBY/MODIFIEDBY of what it writes)')
    .addOption(new Option('--role <role>', 'what it may do').choices([...ROLES]).makeOptionMandatory())
    .option(...DATABASE)
    .action(async (options: { user: string; role: Role; database?: string }) => {
      const { print, log } = context();
      const key = await withCatalog(options.database, (db) => createApiKey(db, options.user, options.role));
      log.info(`API key for ${options.user} (${options.role}); it is not shown again`);
      print(key);
    });
  const list = new Command('list')
    .description('the keys: id, the start of the key, user, role, created, last used (never a secret)')
    .option(...DATABASE)
    .option('--json', 'print them as JSON', false)
    .action(async (options: { database?: string; json: boolean }) => {
      const { print } = context();
      const keys = await withCatalog(options.database, listApiKeys);
      if (options.json) return print(JSON.stringify(keys, null, 2));
      const rows = [
        ['ID', 'KEY', 'USER', 'ROLE', 'CREATED', 'LAST USED'],
        ...keys.map((key) => [
          String(key.id),
          `shk_${key.prefix}_…`,
          key.username,
          key.role,
          key.created.slice(0, 16).replace('T', ' '),
          key.lastUsed?.slice(0, 16).replace('T', ' ') ?? 'never',
        ]),
      ];
      const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
      for (const row of rows)
        print(
          row
            .map((cell, column) => cell.padEnd(widths[column]!))
            .join('  ')
            .trimEnd(),
        );
    });
  const revoke = new Command('revoke')
    .description('delete a key (its id from `keys list`) and end the web logins made with it')
    .argument('<id>', 'the key’s id')
    .option(...DATABASE)
    .action(async (id: string, options: { database?: string }) => {
      const { log } = context();
      if (!/^\d{1,15}$/.test(id))
        throw inputError('not a key id (a number from `stackhook catalog keys list`)', id);
      const revoked = await withCatalog(options.database, (db) => revokeApiKey(db, Number(id)));
      if (!revoked) throw inputError('no API key has this id (`stackhook catalog keys list` shows them)', id);
      log.info(`API key ${id} revoked; its web logins are over`);
    });
  return new Command('catalog')
    .description('manage the SW-Tag catalog')
    .addCommand(
      new Command('keys').description('API keys').addCommand(create).addCommand(list).addCommand(revoke),
    );
}
