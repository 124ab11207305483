import { sql } from 'kysely';
import { jobTableRef, type JobTable } from './job-table.js';

/** The newest 1 MiB of a job's log is kept: a runaway build can't fill the database. */
export const JOB_LOG_LIMIT = 1024 * 1024;

/** Appends `text` to a job's log (jobs write their own log only, one phase at a time: no lost update). */
export async function appendJobLog(table: JobTable, id: string, text: string): Promise<void> {
  const { rows } = await sql<{ log: string }>`select log from ${jobTableRef(table)} where id = ${id}`.execute(
    table.db,
  );
  const row = rows[0];
  if (!row) return;
  const log = `${row.log}${text}`.slice(-JOB_LOG_LIMIT);
  await sql`update ${jobTableRef(table)} set log = ${log} where id = ${id}`.execute(table.db);
}
