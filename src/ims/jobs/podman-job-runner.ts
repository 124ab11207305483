import os from 'node:os';
import { debootstrapReference } from '../../base-image/debootstrap.js';
import { ImageAllowList } from '../../containerfile/image-allow-list.js';
import { RunningJobs } from '../../jobs/running-jobs.js';
import type { JobContext, SshAccess } from './job-context.js';
import type { JobRecord } from './job-repository.js';
import type { JobRunner } from './job-runner.js';
import { runCreateJob } from './create-image-job.js';
import { runCustomizeJob } from './customize-image-job.js';
import { DEFAULT_SQUASHFS, type SquashfsCompression } from './squashfs-compression.js';

/**
 * Runs jobs in this process with podman, each stopped when it runs longer than `timeoutMs` (a customize job's
 * wait for its user has its own limit, `context.ssh.waitMs`, on top).
 */
export class PodmanJobRunner implements JobRunner {
  private readonly jobs: RunningJobs;
  private readonly context: JobContext;

  /**
   * `ssh` defaults: sshd published on every address, users told this machine's host name, 8 hours to finish
   * a customize session; `squashfs` defaults to gzip level 1; containerfile recipes build FROM the Debian
   * bookworm root (serve's --component-image default) unless `baseImages` says otherwise.
   */
  constructor(
    context: Omit<JobContext, 'ssh' | 'squashfs' | 'baseImages'> & {
      ssh?: Partial<SshAccess>;
      squashfs?: SquashfsCompression;
      baseImages?: ImageAllowList;
    },
    private readonly timeoutMs = 3_600_000,
  ) {
    this.jobs = new RunningJobs(context.log);
    const ssh = { bindAddress: '0.0.0.0', host: os.hostname(), waitMs: 8 * 3_600_000, ...context.ssh };
    this.context = {
      ...context,
      ssh,
      squashfs: context.squashfs ?? DEFAULT_SQUASHFS,
      baseImages:
        context.baseImages ??
        new ImageAllowList([debootstrapReference({ suite: 'bookworm', variant: 'minbase' })]),
    };
  }

  start(job: JobRecord): void {
    const customize = job.job_type === 'customize';
    const limit = this.timeoutMs + (customize ? this.context.ssh.waitMs : 0);
    this.jobs.start(`job ${job.id}`, limit, (signal) =>
      (customize ? runCustomizeJob : runCreateJob)(job, this.context, signal),
    );
  }

  idle(): Promise<void> {
    return this.jobs.idle();
  }

  /** Stops every running job (each removes what it made) and waits for them. */
  close(): Promise<void> {
    return this.jobs.close();
  }
}
