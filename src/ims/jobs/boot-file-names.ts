import type { BootFileNames } from './boot-files.js';
import type { JobRecord } from './job-repository.js';

/** The /boot file names a job's record asks for. */
export function bootFileNames(job: JobRecord): BootFileNames {
  return {
    kernel: job.kernel_file_name,
    initrd: job.initrd_file_name,
    kernelParameters: job.kernel_parameters_file_name,
  };
}
