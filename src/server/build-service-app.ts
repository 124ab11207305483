import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { ServiceSchema } from './service-schema.js';
import { registerServiceAuth } from '../service/auth/service-auth.js';
import { errorProblem, problemTitle } from '../service/problems/error-problem.js';
import { registerSecurityHeaders } from './security-headers.js';
import { serverTimeoutOptions, type ServerTimeouts } from './server-timeouts.js';
import { fastifyTrustProxy, type TrustProxy } from './trust-proxy.js';
import { hideMachineFolder, scrubMachinePaths } from '../service/problems/scrub-machine-paths.js';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import type { ImageBuilder } from '../buildapi/image-builder.js';
import { buildImageRoutes } from '../buildapi/routes/build-image-routes.js';
import { buildComponentRoutes } from '../buildapi/routes/build-component-routes.js';
import type { ComponentBuilds } from '../buildapi/component/component-builds.js';
import { ComponentJobRepository } from '../buildapi/component/component-job-repository.js';
import { failUnfinishedJobs } from '../service/jobs/fail-unfinished-jobs.js';
import { serviceInstanceId } from '../service/jobs/service-instance-id.js';
import { RecipeRepository } from '../ims/recipe-repository.js';
import { recipeRoutes } from '../ims/routes/recipe-routes.js';
import { PublicKeyRepository } from '../ims/public-key-repository.js';
import { publicKeyRoutes } from '../ims/routes/public-key-routes.js';
import { ImsImageRepository } from '../ims/ims-image-repository.js';
import { imsImageRoutes } from '../ims/routes/ims-image-routes.js';
import { JobRepository } from '../ims/jobs/job-repository.js';
import type { JobRunner } from '../ims/jobs/job-runner.js';
import { jobRoutes } from '../ims/routes/job-routes.js';
import { ImageRepository } from '../catalog/image-repository.js';
import { pageRoutes } from '../catalog/pages/page-routes.js';
import { amiRoutes } from '../catalog/routes/ami-routes.js';
import { imageRoutes } from '../catalog/routes/image-routes.js';
import { swTagRoutes } from '../catalog/routes/swtag-routes.js';
import { whoamiRoutes } from '../catalog/routes/whoami-routes.js';
import type { Actor } from '../service/auth/actor.js';
import { SwTagRepository } from '../catalog/swtag-repository.js';
import { catalogDatabase } from '../catalog/catalog-database.js';
import '../catalog/catalog-decoration.js';

export interface ServiceAppOptions {
  db: Kysely<ServiceSchema>;
  /** Where the server logs (every 5xx, with its request id), and from which level; none by default. */
  logger?: { level: string; stream?: { write(line: string): unknown } };
  /** Largest request body accepted (bytes); more is a 413. */
  bodyLimit?: number;
  /** Reads need an API key too (default: open). */
  readsNeedKey?: boolean;
  failuresPerMinute?: number;
  /**
   * Behind reverse proxies (a hop count, or their addresses): the client's address (for failure limits), the
   * host (for form origin checks) and https (for Secure cookies) come from their X-Forwarded-* headers.
   */
  trustProxy?: TrustProxy;
  /** How long clients may take to send a request, stay silent, keep a socket alive (defaults: server-timeouts.ts). */
  timeouts?: Partial<ServerTimeouts>;
  /** Where IMS keeps artifacts; with it, the image management routes (/ims/v3) are served too. */
  artifacts?: ArtifactStore;
  /** Largest recipe archive accepted (bytes; default 64 MiB). */
  archiveLimit?: number;
  /** The build API's image builder (needs podman and a registry); without it, /build/image is not served. */
  imageBuilder?: (catalog: { swtags: SwTagRepository; images: ImageRepository }) => ImageBuilder;
  /**
   * The build API's component builds (needs podman and the artifact store); without it, /build/component is
   * not served. The app stops running builds when it closes. `instanceId` goes on every container a build runs.
   */
  componentBuilds?: (context: { jobs: ComponentJobRepository; instanceId: string }) => ComponentBuilds;
  /** Runs IMS jobs (needs podman); without it, starting a job is a 503. */
  jobRunner?: (context: {
    recipes: RecipeRepository;
    images: ImsImageRepository;
    publicKeys: PublicKeyRepository;
    jobs: JobRepository;
    /** The service's instance id (see serviceInstanceId): on every container a job runs. */
    instanceId: string;
  }) => JobRunner;
}

/** Why a job that was running when the service last stopped ended in error. */
const STOPPED = 'the service stopped while this job ran';

/**
 * The service as a fastify app: the SW-Tag catalog, and, given what they need, image management and the build API; REST routes with problem details for every error, OpenAPI at
 * /openapi.json, AMI's command endpoint, and the web pages at `/`.
 */
export async function buildServiceApp(options: ServiceAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    trustProxy: fastifyTrustProxy(options.trustProxy),
    ...serverTimeoutOptions(options.timeouts),
    // Unknown fields are an error, not silently dropped; query strings are coerced to the schema's types;
    // `verbose` lets an error quote the failing schema's description (what a field must look like).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, allErrors: false, verbose: true } },
    // Off unless asked (tests); `serve` logs to stderr. Ids are random, so that a problem's requestId finds one
    // log line across restarts, and never taken from a client's header.
    logger: options.logger ?? false,
    genReqId: () => randomUUID(),
  });
  await app.register(swagger, {
    openapi: { info: { title: 'stackhook SW-Tag catalog', version: '1' } },
  });
  await app.register(formbody);
  await app.register(cookie);
  app.decorate('catalog', {
    db: catalogDatabase(options.db),
    swtags: new SwTagRepository(options.db),
    images: new ImageRepository(options.db),
  });
  app.decorateRequest('actor', null as unknown as Actor);
  registerSecurityHeaders(app);
  registerServiceAuth(app, {
    db: options.db,
    readsNeedKey: options.readsNeedKey ?? false,
    failuresPerMinute: options.failuresPerMinute ?? 10,
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = errorProblem(error, request);
    if (problem.status >= 500) request.log.error({ err: error }, `${request.method} ${request.url} failed`);
    return reply.code(problem.status).type('application/problem+json').send(problem);
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type('application/problem+json')
      .send({
        type: 'about:blank',
        title: problemTitle(404),
        status: 404,
        detail: scrubMachinePaths(`no route ${request.method} ${request.url}`),
        instance: request.url,
        requestId: request.id,
      }),
  );
  await app.register(swTagRoutes);
  await app.register(imageRoutes);
  await app.register(whoamiRoutes);
  await app.register(amiRoutes, { readsNeedKey: options.readsNeedKey ?? false });
  const instanceId = await serviceInstanceId(options.db);
  if (options.artifacts) {
    hideMachineFolder(options.artifacts.location);
    await app.register(recipeRoutes, {
      recipes: new RecipeRepository(options.db, options.artifacts),
      archiveLimit: options.archiveLimit ?? 64 * 1024 * 1024,
    });
    const recipes = new RecipeRepository(options.db, options.artifacts);
    const images = new ImsImageRepository(options.db, options.artifacts);
    const jobs = new JobRepository(options.db);
    await failUnfinishedJobs({ db: options.db, name: 'ims_job' }, STOPPED);
    const publicKeys = new PublicKeyRepository(options.db);
    await app.register(publicKeyRoutes, { publicKeys });
    await app.register(imsImageRoutes, { images });
    await app.register(jobRoutes, {
      jobs,
      recipes,
      images,
      publicKeys,
      runner: options.jobRunner?.({ recipes, images, publicKeys, jobs, instanceId }),
    });
  }
  if (options.artifacts && options.componentBuilds) {
    const jobs = new ComponentJobRepository(options.db);
    await failUnfinishedJobs({ db: options.db, name: 'build_job' }, STOPPED);
    const builds = options.componentBuilds({ jobs, instanceId });
    app.addHook('onClose', () => builds.close());
    await app.register(buildComponentRoutes, { builds, jobs, readsNeedKey: options.readsNeedKey ?? false });
  }
  if (options.imageBuilder) {
    const builder = options.imageBuilder(app.catalog);
    app.addHook('onClose', () => builder.close());
    await app.register(buildImageRoutes, { builder });
  }
  await app.register(pageRoutes);
  app.get('/openapi.json', { schema: { hide: true }, config: { role: undefined } }, async () =>
    app.swagger(),
  );
  return app;
}
