import { openDatabase, type OpenDatabase } from '../service/database/open-database.js';
import type { ServiceSchema } from './service-schema.js';

export type ServiceDatabase = OpenDatabase<ServiceSchema>;

/** The service's database with every feature's tables (see openDatabase): what `serve` and its tests open. */
export async function openServiceDatabase(location: string): Promise<ServiceDatabase> {
  return openDatabase<ServiceSchema>(location);
}
