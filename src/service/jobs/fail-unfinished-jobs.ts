import { sql } from 'kysely';
import { jobTableRef, type JobTable } from './job-table.js';

/**
 * Jobs a stopped service left unfinished can't go on (their work folders and containers went with it): they
 * end in `error` with `reason`, and can be asked for again. Returns how many there were.
 */
export async function failUnfinishedJobs(table: JobTable, reason: string): Promise<number> {
  const result = await sql`update ${jobTableRef(table)}
    set status = 'error', error = ${reason}, updated = ${new Date().toISOString()}
    where status not in ('success', 'error')`.execute(table.db);
  return Number(result.numAffectedRows ?? 0);
}
