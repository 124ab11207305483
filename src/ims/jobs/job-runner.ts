import type { JobRecord } from './job-repository.js';

/**
 * Where IMS jobs run. Here: podman on the service's own machine (PodmanJobRunner). A Kubernetes runner would
 * implement the same calls by creating a Job whose pod runs `stackhook ims-job <id>` against the same
 * database and store, and by watching it (see the README).
 */
export interface JobRunner {
  /** Starts the job and returns at once; the job's record tells how it goes. */
  start(job: JobRecord): void;
  /** Where a job waits for a slot of the job limit (1: next), or undefined when it is not waiting. */
  queuePosition(jobId: string): number | undefined;
  /** Stops a queued or running job (it removes what it made); false when this runner has no such job. */
  cancel(jobId: string): Promise<boolean>;
  /** Resolves when no job is queued or running (tests, a graceful stop). */
  idle(): Promise<void>;
}
