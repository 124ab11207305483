import type { JobRecord } from './job-repository.js';

/**
 * Where IMS jobs run. Here: podman on the service's own machine (PodmanJobRunner). A Kubernetes runner would
 * implement the same two calls by creating a Job whose pod runs `stackhook ims-job <id>` against the same
 * database and store, and by watching it (see the README).
 */
export interface JobRunner {
  /** Starts the job and returns at once; the job's record tells how it goes. */
  start(job: JobRecord): void;
  /** Resolves when no job is running (tests, a graceful stop). */
  idle(): Promise<void>;
}
