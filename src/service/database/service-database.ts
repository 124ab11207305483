import { featureDatabase } from './feature-database.js';
import type { ServiceTables } from './service-tables.js';

/** The service's database as its core sees it (keys, sessions, settings): any database with those tables. */
export const serviceDatabase = featureDatabase<ServiceTables>();
