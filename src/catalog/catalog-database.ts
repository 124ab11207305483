import { featureDatabase } from '../service/database/feature-database.js';
import type { CatalogTables } from './catalog-tables.js';

/** The service's database as the catalog sees it (its repositories take a `Kysely<CatalogTables>`). */
export const catalogDatabase = featureDatabase<CatalogTables>();
