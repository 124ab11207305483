import path from 'node:path';
import { Command, Option } from 'commander';
import { createApiKey, ROLES } from '../catalog/api-keys.js';
import type { Role } from '../catalog/catalog-schema.js';
import { openCatalogDatabase } from '../catalog/open-catalog-database.js';
import { stateDir } from '../environment/state-dir.js';
import type { CliContext } from './cli-context.js';

/** `stackhook catalog keys create --user U --role reader|writer|admin`: prints the new key once. */
export function catalogCommand(context: () => CliContext): Command {
  const create = new Command('create')
    .description('make an API key (printed once; only its hash is kept)')
    .requiredOption('--user <name>', 'whose key it is (CREATEDBY/MODIFIEDBY of what it writes)')
    .addOption(new Option('--role <role>', 'what it may do').choices([...ROLES]).makeOptionMandatory())
    .option('--database <file|postgres://...>', 'catalog database (default: .stackhook/catalog.sqlite)')
    .action(async (options: { user: string; role: Role; database?: string }) => {
      const { print, log } = context();
      const { db } = await openCatalogDatabase(options.database ?? path.join(stateDir(), 'catalog.sqlite'));
      try {
        const key = await createApiKey(db, options.user, options.role);
        log.info(`API key for ${options.user} (${options.role}); it is not shown again`);
        print(key);
      } finally {
        await db.destroy();
      }
    });
  return new Command('catalog')
    .description('manage the SW-Tag catalog')
    .addCommand(new Command('keys').description('API keys').addCommand(create));
}
