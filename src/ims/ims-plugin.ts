import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import { failUnfinishedJobs } from '../service/jobs/fail-unfinished-jobs.js';
import { hideMachineFolder } from '../service/problems/scrub-machine-paths.js';
import type { ImsTables } from './ims-tables.js';
import { ImsImageRepository } from './ims-image-repository.js';
import { JobRepository } from './jobs/job-repository.js';
import type { JobRunner } from './jobs/job-runner.js';
import { PublicKeyRepository } from './public-key-repository.js';
import { RecipeRepository } from './recipe-repository.js';
import { registerCrayStatuses } from './routes/cray-statuses.js';
import { healthRoutes } from './routes/health-routes.js';
import { registerImsValidator } from './routes/ims-validator.js';
import { imsImageRoutes } from './routes/ims-image-routes.js';
import { jobRoutes } from './routes/job-routes.js';
import { publicKeyRoutes } from './routes/public-key-routes.js';
import { recipeRoutes } from './routes/recipe-routes.js';
import { remoteBuildNodeRoutes } from './routes/remote-build-node-routes.js';
import type { BuildNodeAccess } from './nodes/build-node-access.js';
import { BuildNodePool } from './nodes/build-node-pool.js';
import type { LocalPodman } from './nodes/local-podman.js';
import { RemoteBuildNodeRepository } from './nodes/remote-build-node-repository.js';

/** What an IMS job runner is made from. */
export interface ImsJobContext {
  recipes: RecipeRepository;
  images: ImsImageRepository;
  publicKeys: PublicKeyRepository;
  jobs: JobRepository;
  /** The service's instance id (see serviceInstanceId): on every container a job runs. */
  instanceId: string;
  /** The registered remote build nodes: where create jobs go when one is able. */
  buildNodes: BuildNodePool;
}

export interface ImsPluginOptions {
  db: Kysely<ImsTables>;
  /** Where IMS keeps artifacts. */
  artifacts: ArtifactStore;
  /** Largest recipe archive accepted (bytes). */
  archiveLimit: number;
  instanceId: string;
  /** Runs IMS jobs (needs podman); without it, starting a job is a 503. */
  jobRunner?: (context: ImsJobContext) => JobRunner;
  /**
   * This machine's podman CLI (it reaches the nodes' podman over ssh) and how to reach the remote build nodes;
   * without `access`, nodes can be registered but none is able to run jobs.
   */
  buildNodes?: { podman: LocalPodman; access?: BuildNodeAccess };
}

/** Why a job that was running when the service last stopped ended in error. */
const STOPPED = 'the service stopped while this job ran';

/**
 * Image management (Cray IMS v3) as a fastify plugin: recipes, public keys, images and jobs, with its tables,
 * health and version, answering with Cray's statuses. Its routes are under /ims; the service reads Cray's
 * gateway path /apis/ims as /ims (imsGatewayUrl).
 */
export async function imsPlugin(app: FastifyInstance, options: ImsPluginOptions): Promise<void> {
  const { db, artifacts, instanceId } = options;
  hideMachineFolder(artifacts.location);
  registerCrayStatuses(app);
  registerImsValidator(app);
  await app.register(healthRoutes, { db });
  await app.register(recipeRoutes, {
    recipes: new RecipeRepository(db, artifacts),
    archiveLimit: options.archiveLimit,
  });
  const recipes = new RecipeRepository(db, artifacts);
  const images = new ImsImageRepository(db, artifacts);
  const jobs = new JobRepository(db);
  await failUnfinishedJobs({ db, name: 'ims_job' }, STOPPED);
  const publicKeys = new PublicKeyRepository(db);
  await app.register(publicKeyRoutes, { publicKeys });
  await app.register(imsImageRoutes, { images });
  const buildNodes = new BuildNodePool(
    new RemoteBuildNodeRepository(db),
    options.buildNodes?.podman ?? { binary: 'podman', env: {} },
    options.buildNodes?.access,
  );
  await app.register(remoteBuildNodeRoutes, { pool: buildNodes });
  await app.register(jobRoutes, {
    jobs,
    recipes,
    images,
    publicKeys,
    runner: options.jobRunner?.({ recipes, images, publicKeys, jobs, instanceId, buildNodes }),
  });
}
