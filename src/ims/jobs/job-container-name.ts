import type { JobType } from './job-statuses.js';

/**
 * The podman name of the container a job's user reaches (a customize session, a create job's debug shell):
 * what the record's kubernetes_job, kubernetes_service and kubernetes_configmap name, as Cray's name its pod,
 * service and configmap. One container here does all three: it runs the session and publishes its port.
 */
export function jobContainerName(job: { id: string; job_type: JobType }): string {
  return `cray-ims-${job.id}-${job.job_type}`;
}
