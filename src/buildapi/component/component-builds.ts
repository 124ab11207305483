import type { StoredArtifact } from '../../artifacts/artifact-store.js';
import { StackhookError } from '../../errors/stackhook-error.js';
import { componentArtifactKey } from './component-artifact-key.js';
import type { ComponentJobRecord, ComponentKey } from './component-job-repository.js';
import { checkGitUrl } from './git-source.js';
import { runComponentBuild, type ComponentBuildContext } from './run-component-build.js';

/**
 * The build API's components: a tarball per component, tag and architecture, built once. Asking for one that
 * is being built joins that job (identical concurrent requests share one job); each job stops after
 * `timeoutMs`.
 */
export class ComponentBuilds {
  private readonly inFlight = new Map<string, Promise<ComponentJobRecord>>();
  private readonly running = new Set<Promise<void>>();
  private readonly stop = new AbortController();

  constructor(
    private readonly context: ComponentBuildContext,
    private readonly timeoutMs = 3_600_000,
  ) {}

  /** The stored tarball, or undefined. */
  find(key: ComponentKey): Promise<StoredArtifact | undefined> {
    return this.context.store.head(componentArtifactKey(key));
  }

  presignedUrl(artifact: StoredArtifact, seconds: number): Promise<string | undefined> {
    return this.context.store.presignedUrl(artifact.key, seconds);
  }

  open(artifact: StoredArtifact) {
    return this.context.store.get(artifact.key);
  }

  /** The job building this component: the one running, or a new one. */
  async request(key: ComponentKey & { git_url: string }, requestedBy: string): Promise<ComponentJobRecord> {
    checkGitUrl(key.git_url, this.context.schemes);
    const id = JSON.stringify([key.component, key.tag, key.architecture]);
    const running = this.inFlight.get(id);
    if (running) {
      const job = await running;
      if (job.git_url !== key.git_url)
        throw new StackhookError({
          kind: 'input',
          status: 409,
          description: `${key.component} ${key.tag} is being built from ${job.git_url} (job ${job.id})`,
          subject: 'git_url',
        });
      return this.context.jobs.get(job.id);
    }
    // Set before the first await: a request arriving meanwhile finds this job.
    const created = this.context.jobs.create({ ...key, requested_by: requestedBy });
    this.inFlight.set(id, created);
    const job = await created.catch((error: unknown) => {
      this.inFlight.delete(id);
      throw error;
    });
    const signal = AbortSignal.any([this.stop.signal, AbortSignal.timeout(this.timeoutMs)]);
    const run = runComponentBuild(job, this.context, signal)
      .catch((error: unknown) => this.context.log.error(`build job ${job.id}: ${String(error)}`))
      .finally(() => {
        this.inFlight.delete(id);
        this.running.delete(run);
      });
    this.running.add(run);
    return job;
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** Stops every running build (each removes what it made) and waits for them. */
  async close(): Promise<void> {
    this.stop.abort();
    await this.idle();
  }
}
