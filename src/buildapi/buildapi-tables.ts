import type { JobColumns } from '../service/jobs/job-table.js';

/** A component build: its git source, its tarball once stored, its log. */
export interface BuildJobTable extends JobColumns {
  id: string;
  component: string;
  tag: string;
  architecture: string;
  /** Without credentials: URLs holding them are refused. */
  git_url: string;
  status: string;
  /** The tarball's key in the artifact store, once stored. */
  artifact_key: string | null;
  md5: string | null;
  error: string | null;
  log: string;
  /** JSON: milliseconds spent in each phase. */
  phases: string;
  requested_by: string;
  created: string;
  updated: string;
}

/** The build API's tables (migration 0007). */
export interface BuildApiTables {
  build_job: BuildJobTable;
}
