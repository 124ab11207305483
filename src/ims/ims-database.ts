import { featureDatabase } from '../service/database/feature-database.js';
import type { ImsTables } from './ims-tables.js';

/** The service's database as image management sees it (its repositories take a `Kysely<ImsTables>`). */
export const imsDatabase = featureDatabase<ImsTables>();
