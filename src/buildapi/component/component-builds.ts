import type { StoredArtifact } from '../../artifacts/artifact-store.js';
import { StackhookError } from '../../errors/stackhook-error.js';
import type { JobSlots } from '../../service/jobs/job-slots.js';
import { RunningJobs } from '../../service/jobs/running-jobs.js';
import { findStoredComponent } from './find-stored-component.js';
import type { ComponentJobRecord, ComponentKey } from './component-job-repository.js';
import { checkGitUrl } from './git-source.js';
import { runComponentBuild, type ComponentBuildContext } from './run-component-build.js';

type Outcome = { artifact: StoredArtifact } | { job: ComponentJobRecord };

/**
 * The build API's components: a tarball per component, tag and architecture, built once. Asking for one that
 * is being built joins that job (identical concurrent requests share one job); jobs queue under the machine's
 * job limit, and each stops after `timeoutMs` of running.
 */
export class ComponentBuilds {
  private readonly inFlight = new Map<string, Promise<Outcome>>();
  private readonly jobs: RunningJobs;

  constructor(
    private readonly context: ComponentBuildContext & {
      /** The machine's job limit, shared with IMS jobs and image builds (its own if not given). */
      slots?: JobSlots;
    },
    private readonly timeoutMs = 3_600_000,
  ) {
    this.jobs = new RunningJobs(context.log, context.slots);
  }

  /** The stored tarball, or undefined. */
  find(key: ComponentKey): Promise<StoredArtifact | undefined> {
    return findStoredComponent(this.context.store, key);
  }

  presignedUrl(artifact: StoredArtifact, seconds: number): Promise<string | undefined> {
    return this.context.store.presignedUrl(artifact.key, seconds);
  }

  open(artifact: StoredArtifact) {
    return this.context.store.get(artifact.key);
  }

  /**
   * The component's tarball when it exists, else the job building it: the one running, or a new one. The
   * store is asked again inside the request's slot: a build that ended since the caller looked is not redone.
   */
  async request(key: ComponentKey & { git_url: string }, requestedBy: string): Promise<Outcome> {
    checkGitUrl(key.git_url, this.context.schemes);
    const id = JSON.stringify([key.component, key.tag, key.architecture]);
    let slot = this.inFlight.get(id);
    if (!slot) {
      // Taken before the first await: a request arriving meanwhile joins it. A slot that found the tarball (or
      // failed) is freed at once; a job's when the job ends.
      slot = this.startUnlessStored(id, key, requestedBy);
      this.inFlight.set(id, slot);
      slot.then(
        (outcome) => 'artifact' in outcome && this.inFlight.delete(id),
        () => this.inFlight.delete(id),
      );
    }
    const outcome = await slot;
    if (!('job' in outcome)) return outcome;
    if (outcome.job.git_url !== key.git_url)
      throw new StackhookError({
        kind: 'input',
        status: 409,
        description: `${key.component} ${key.tag} is being built from ${outcome.job.git_url} (job ${outcome.job.id})`,
        subject: 'git_url',
      });
    const job = await this.context.jobs.get(outcome.job.id);
    // A job that has just succeeded may not have left its slot yet: its tarball is the answer then.
    const built = job.status === 'success' ? await this.find(key) : undefined;
    return built ? { artifact: built } : { job };
  }

  private async startUnlessStored(
    id: string,
    key: ComponentKey & { git_url: string },
    requestedBy: string,
  ): Promise<Outcome> {
    const artifact = await this.find(key);
    if (artifact) return { artifact };
    const job = await this.context.jobs.create({ ...key, requested_by: requestedBy });
    this.jobs.start(
      {
        key: job.id,
        subject: `build job ${job.id}`,
        timeoutMs: this.timeoutMs,
        dropped: async () => {
          this.inFlight.delete(id);
          await this.context.jobs.update(job.id, { status: 'error', error: 'stopped before it started' });
        },
      },
      (signal) => runComponentBuild(job, this.context, signal).finally(() => this.inFlight.delete(id)),
    );
    return { job };
  }

  /** Where a build job waits for a slot of the job limit (1: next), or undefined when it is not waiting. */
  queuePosition(jobId: string): number | undefined {
    return this.jobs.position(jobId);
  }

  idle(): Promise<void> {
    return this.jobs.idle();
  }

  /** Stops every running build (each removes what it made) and waits for them. */
  close(): Promise<void> {
    return this.jobs.close();
  }
}
