import { sql, type QueryExecutorProvider } from 'kysely';

/**
 * The columns every feature's job table has (IMS's `ims_job`, the build API's `build_job`): what the generic job
 * helpers (appendJobLog, failUnfinishedJobs) read and write. A feature's table adds its own columns.
 */
export interface JobColumns {
  id: string;
  status: string;
  error: string | null;
  log: string;
  /** JSON: milliseconds spent in each phase. */
  phases: string;
  created: string;
  updated: string;
}

/** A feature's job table by name: any database that has it (the SQL names it, so no feature's types are needed). */
export interface JobTable {
  db: QueryExecutorProvider;
  name: string;
}

/** The table's name as SQL. */
export function jobTableRef(table: JobTable) {
  return sql.table(table.name);
}
