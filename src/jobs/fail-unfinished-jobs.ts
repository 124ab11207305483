import type { Kysely } from 'kysely';
import type { CatalogSchema } from '../catalog/catalog-schema.js';
import type { JobTable } from './append-job-log.js';

/**
 * Jobs a stopped service left unfinished can't go on (their work folders and containers went with it): they
 * end in `error` with `reason`, and can be asked for again. Returns how many there were.
 */
export async function failUnfinishedJobs(
  db: Kysely<CatalogSchema>,
  table: JobTable,
  reason: string,
): Promise<number> {
  const jobs = db as unknown as Kysely<Pick<CatalogSchema, 'ims_job'>>;
  const result = await jobs
    .updateTable(table as 'ims_job')
    .set({ status: 'error', error: reason, updated: new Date().toISOString() })
    .where('status', 'not in', ['success', 'error'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
