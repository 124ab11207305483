/** Cray's job statuses (its spec's JobStatuses), in the order a job meets them. */
export const JOB_STATUSES = [
  'creating',
  'fetching_image',
  'fetching_recipe',
  'waiting_for_repos',
  'building_image',
  'waiting_on_user',
  'error',
  'success',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const JOB_TYPES = ['create', 'customize'] as const;
export type JobType = (typeof JOB_TYPES)[number];

/**
 * A job's phases: its statuses, and packaging, which is timed on its own in `phases` but shows as
 * `building_image` (Cray's statuses have no packaging one: its build pod packages too).
 */
export type JobPhase = JobStatus | 'packaging_artifacts';

export function statusOfPhase(phase: JobPhase): JobStatus {
  return phase === 'packaging_artifacts' ? 'building_image' : phase;
}

/** Statuses a job ends in. */
export function isFinal(status: JobStatus): boolean {
  return status === 'error' || status === 'success';
}
