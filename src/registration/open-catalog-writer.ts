import { hideUrlCredentials } from '../log/hide-url-credentials.js';
import type { Log } from '../log/log.js';
import { defaultDatabaseFile } from '../service/database/default-database-file.js';
import type { CatalogWriter } from './catalog-writer.js';
import { HttpCatalogWriter } from './http-catalog-writer.js';

/**
 * Where `--register` writes, first found: `--catalog`, STACKHOOK_CATALOG, the hierarchy's `catalog:`, else the
 * SQLite file `stackhook serve` uses by default (defaultDatabaseFile). An http(s) URL is a service (key given, else STACKHOOK_CATALOG_KEY);
 * anything else a database opened here (a file, or postgres://).
 */
export async function openCatalogWriter(
  choices: { option?: string; hierarchy?: string; key?: string },
  log: Log,
): Promise<CatalogWriter> {
  const fallback = defaultDatabaseFile();
  const candidates: [string | undefined, string][] = [
    [choices.option, '--catalog'],
    [process.env.STACKHOOK_CATALOG, 'STACKHOOK_CATALOG'],
    [choices.hierarchy, 'the hierarchy’s catalog:'],
    [fallback.file, 'the default'],
  ];
  const [location, from] = candidates.find(([value]) => value) as [string, string];
  if (/^https?:\/\//.test(location)) {
    const key = choices.key ?? process.env.STACKHOOK_CATALOG_KEY;
    if (key) log.addSecret(key);
    const { display, password } = hideUrlCredentials(location);
    if (password) log.addSecret(password);
    log.info(`registering in the catalog at ${display} (from ${from})`);
    return new HttpCatalogWriter(location, display, key);
  }
  if (location === fallback.file && fallback.note) log.info(fallback.note);
  // Loaded here: the database drivers (kysely, pg) cost every hook and walk ~0.1 s to load, and most never register.
  const { LocalCatalogWriter } = await import('./local-catalog-writer.js');
  const writer = await LocalCatalogWriter.open(location, log);
  log.info(`registering in the catalog database ${writer.location} (from ${from})`);
  return writer;
}
