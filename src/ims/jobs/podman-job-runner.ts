import os from 'node:os';
import { debootstrapReference } from '../../base-image/debootstrap.js';
import { hostPlatform } from '../../hierarchy/platform.js';
import { ImageAllowList } from '../../containerfile/image-allow-list.js';
import type { JobSlots } from '../../service/jobs/job-slots.js';
import { RunningJobs, type JobSlot } from '../../service/jobs/running-jobs.js';
import type { JobContext, SshAccess } from './job-context.js';
import type { JobRecord } from './job-repository.js';
import type { JobRunner } from './job-runner.js';
import { runCreateJob } from './create-image-job.js';
import { runCustomizeJob } from './customize-image-job.js';
import { JOB_LABEL } from './start-sshd-container.js';
import { DEFAULT_SQUASHFS, type SquashfsCompression } from './squashfs-compression.js';

/**
 * Runs jobs in this process with podman, queued under the machine's job limit (`slots`), each stopped when it
 * runs longer than `timeoutMs` (a customize job's wait for its user has its own limit, `context.ssh.waitMs`,
 * on top).
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
      /** The machine's job limit, shared with the build API (its own, of the default size, if not given). */
      slots?: JobSlots;
    },
    private readonly timeoutMs = 3_600_000,
  ) {
    this.jobs = new RunningJobs(context.log, context.slots);
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
    this.jobs.start(
      {
        key: job.id,
        subject: `job ${job.id}`,
        // A user's session (customize, a create job's debug shell) has its own limit on top (slot given back).
        timeoutMs: this.timeoutMs + (customize || job.enable_debug ? this.context.ssh.waitMs : 0),
        dropped: () =>
          this.context.jobs.update(job.id, { status: 'error', error: 'stopped before it started' }),
      },
      (signal, slot) =>
        customize ? runCustomizeJob(job, this.context, signal, slot) : this.runCreate(job, signal, slot),
    );
  }

  /** A create job on the able remote build node running the fewest jobs, or on this machine when none is. */
  private async runCreate(job: JobRecord, signal: AbortSignal, slot: JobSlot): Promise<void> {
    const node = await this.context.buildNodes?.place(hostPlatform());
    if (!node) return runCreateJob(job, this.context, signal, slot);
    try {
      await runCreateJob(job, { ...this.context, engine: node.engine, node }, signal, slot);
    } finally {
      node.release();
    }
  }

  queuePosition(jobId: string): number | undefined {
    return this.jobs.position(jobId);
  }

  /** Stops the job, then removes any container still labelled with it (one a stopped service left). */
  async cancel(jobId: string): Promise<boolean> {
    const had = await this.jobs.cancel(jobId);
    const { engine } = this.context;
    for (const container of await engine.containersWithLabel(`${JOB_LABEL}=${jobId}`))
      await engine.removeContainer(container);
    return had;
  }

  idle(): Promise<void> {
    return this.jobs.idle();
  }

  /** Stops every running job (each removes what it made) and waits for them. */
  close(): Promise<void> {
    return this.jobs.close();
  }
}
