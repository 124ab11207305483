import { StackhookError } from '../../errors/stackhook-error.js';
import type { JobFilter } from '../jobs/job-repository.js';
import { JOB_STATUSES, JOB_TYPES, type JobStatus, type JobType } from '../jobs/job-statuses.js';

const refused = (description: string, subject: string) =>
  new StackhookError({ kind: 'input', description, subject });

/** `?x=a` or `?x=a&x=b` as a list, each value one of `allowed` (a wrong one is a 400 naming it). */
function listOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T[] | undefined {
  if (value === undefined) return undefined;
  const values = (Array.isArray(value) ? value : [value]).map((item) => String(item).toLowerCase());
  for (const item of values) {
    if (!(allowed as readonly string[]).includes(item))
      throw refused(`unsupported ${field} ${JSON.stringify(item)}: one of ${allowed.join(', ')}`, field);
  }
  return values as T[];
}

const UNITS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000 };

/** Cray's age (`1d`, `6h`, `2w3d`; weeks, days, hours, minutes) in milliseconds; anything else is a 400. */
export function ageMs(age: string): number {
  const match = /^(?:\d+[wdhm])+$/i.test(age) ? age.match(/\d+[wdhm]/gi) : null;
  if (!match)
    throw refused(`unsupported age ${JSON.stringify(age)}: a number of w, d, h or m, e.g. 1d or 6h`, 'age');
  return match.reduce(
    (sum, part) => sum + Number(part.slice(0, -1)) * UNITS[part.slice(-1).toLowerCase()]!,
    0,
  );
}

/** DELETE /jobs's query as the jobs it takes: the given statuses, job types, and older than `age`. */
export function jobFilterOf(
  query: { status?: unknown; job_type?: unknown; age?: string },
  now = Date.now(),
): JobFilter {
  return {
    statuses: listOf<JobStatus>(query.status, JOB_STATUSES, 'status'),
    jobTypes: listOf<JobType>(query.job_type, JOB_TYPES, 'job_type'),
    createdBefore: query.age === undefined ? undefined : new Date(now - ageMs(query.age)),
  };
}
