import { featureDatabase } from '../service/database/feature-database.js';
import type { BuildApiTables } from './buildapi-tables.js';

/** The service's database as the build API sees it (its job repository takes a `Kysely<BuildApiTables>`). */
export const buildApiDatabase = featureDatabase<BuildApiTables>();
