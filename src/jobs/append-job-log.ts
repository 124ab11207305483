import type { Kysely } from 'kysely';
import type { CatalogSchema } from '../catalog/catalog-schema.js';

/** The tables whose rows are jobs with a `log` column. */
export type JobTable = 'ims_job' | 'build_job';

/** The newest 1 MiB of a job's log is kept: a runaway build can't fill the database. */
export const JOB_LOG_LIMIT = 1024 * 1024;

/** Appends `text` to a job's log (jobs write their own log only, one phase at a time: no lost update). */
export async function appendJobLog(
  db: Kysely<CatalogSchema>,
  table: JobTable,
  id: string,
  text: string,
): Promise<void> {
  // One table at a time for kysely's types: the two share the columns used here.
  const jobs = db as unknown as Kysely<Pick<CatalogSchema, 'ims_job'>>;
  const row = await jobs
    .selectFrom(table as 'ims_job')
    .select('log')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return;
  await jobs
    .updateTable(table as 'ims_job')
    .set({ log: `${row.log}${text}`.slice(-JOB_LOG_LIMIT) })
    .where('id', '=', id)
    .execute();
}
