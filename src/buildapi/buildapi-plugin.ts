import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { ImageRepository } from '../catalog/image-repository.js';
import type { SwTagRepository } from '../catalog/swtag-repository.js';
import type { AuthRouteConfig } from '../service/auth/service-auth.js';
import { failUnfinishedJobs } from '../service/jobs/fail-unfinished-jobs.js';
import { problemErrorHandler } from '../service/problems/problem-error-handler.js';
import type { BuildApiTables } from './buildapi-tables.js';
import type { ComponentBuilds } from './component/component-builds.js';
import { ComponentJobRepository } from './component/component-job-repository.js';
import { draftProblemFields } from './draft/draft-problem-fields.js';
import { draftRequestHook } from './draft/draft-request-hook.js';
import type { ImageBuilder } from './image-builder.js';
import { buildComponentRoutes } from './routes/build-component-routes.js';
import { buildImageRoutes } from './routes/build-image-routes.js';
import { BuildEnvironments } from './environment/build-environments.js';
import { putComponentRoutes } from './routes/put-component-routes.js';
import type { SharedComponents } from './shared/shared-components.js';
import type { SharedRoot } from './shared/shared-root.js';

export interface BuildApiPluginOptions {
  db: Kysely<BuildApiTables>;
  readsNeedKey: boolean;
  instanceId: string;
  /** The catalog the image builder registers what it builds in. */
  catalog: { swtags: SwTagRepository; images: ImageRepository };
  /** The image builder (needs podman and a registry); without it, /build/image is not served. */
  imageBuilder?: (catalog: { swtags: SwTagRepository; images: ImageRepository }) => ImageBuilder;
  /**
   * Component builds (need podman and the artifact store); without them, /build/component is not served. The app
   * stops running builds when it closes. `instanceId` goes on every container a build runs.
   */
  componentBuilds?: (context: { jobs: ComponentJobRepository; instanceId: string }) => ComponentBuilds;
  /** The architectures builds and stored components may name (the platforms alone if not given). */
  environments?: BuildEnvironments;
  /** `serve --shared-root`: Dockerfiles by name for /build/image, and PUT /build/component's tarballs. */
  shared?: { root: SharedRoot; components?: SharedComponents };
}

/** Why a build that was running when the service last stopped ended in error. */
const STOPPED = 'the service stopped while this job ran';

/**
 * The build API as a fastify plugin: /build/component and /build/jobs, /build/image, with its table (the root
 * paths ad-build's scripts call are rewritten to these: buildApiRootUrl). Its routes take the draft's field
 * names and a GET's JSON body, answer errors with the draft's fields beside the problem details, and may be
 * called without a key from a trusted network (`keyless`, see service-auth).
 */
export async function buildApiPlugin(app: FastifyInstance, options: BuildApiPluginOptions): Promise<void> {
  app.setErrorHandler(problemErrorHandler(draftProblemFields));
  app.addHook('preValidation', draftRequestHook);
  app.addHook('onRoute', (route) => {
    const config: AuthRouteConfig = { ...(route.config as AuthRouteConfig), keyless: true };
    route.config = config as typeof route.config;
    // OpenAPI lists each route once, under /build: its description says where else it answers.
    const schema = (route.schema ?? {}) as { description?: string };
    const root = `also served at ${route.url.replace(/^\/build/, '')}`;
    route.schema = { ...schema, description: schema.description ? `${schema.description}; ${root}` : root };
  });
  const environments = options.environments ?? new BuildEnvironments();
  await app.register(putComponentRoutes, {
    environments,
    ...(options.shared?.components ? { components: options.shared.components } : {}),
  });
  if (options.componentBuilds) {
    const jobs = new ComponentJobRepository(options.db);
    await failUnfinishedJobs({ db: options.db, name: 'build_job' }, STOPPED);
    const builds = options.componentBuilds({ jobs, instanceId: options.instanceId });
    app.addHook('onClose', () => builds.close());
    await app.register(buildComponentRoutes, {
      builds,
      jobs,
      readsNeedKey: options.readsNeedKey,
      environments,
    });
  }
  if (options.imageBuilder) {
    const builder = options.imageBuilder(options.catalog);
    app.addHook('onClose', () => builder.close());
    await app.register(buildImageRoutes, {
      builder,
      ...(options.shared ? { sharedRoot: options.shared.root } : {}),
    });
  }
}
