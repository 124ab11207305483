import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { ServiceSchema } from './service-schema.js';
import { registerServiceAuth } from '../service/auth/service-auth.js';
import { problemTitle } from '../service/problems/error-problem.js';
import { problemErrorHandler } from '../service/problems/problem-error-handler.js';
import type { TrustedNetworkOptions } from '../service/auth/keyless-caller.js';
import { registerSecurityHeaders } from './security-headers.js';
import { serverTimeoutOptions, type ServerTimeouts } from './server-timeouts.js';
import { fastifyTrustProxy, type TrustProxy } from './trust-proxy.js';
import { scrubMachinePaths } from '../service/problems/scrub-machine-paths.js';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import { serviceInstanceId } from '../service/jobs/service-instance-id.js';
import type { JobRunner } from '../ims/jobs/job-runner.js';
import type { Actor } from '../service/auth/actor.js';
import { catalogDatabase } from '../catalog/catalog-database.js';
import { catalogPlugin, catalogRepositories } from '../catalog/catalog-plugin.js';
import { imsDatabase } from '../ims/ims-database.js';
import { imsGatewayUrl } from '../ims/ims-gateway-url.js';
import { imsPlugin, type ImsJobContext, type ImsPluginOptions } from '../ims/ims-plugin.js';
import { buildApiDatabase } from '../buildapi/buildapi-database.js';
import { buildApiPlugin, type BuildApiPluginOptions } from '../buildapi/buildapi-plugin.js';
import { buildApiRootUrl } from '../buildapi/build-root-url.js';

export interface ServiceAppOptions {
  db: Kysely<ServiceSchema>;
  /** Where the server logs (every 5xx, with its request id), and from which level; none by default. */
  logger?: { level: string; stream?: { write(line: string): unknown } };
  /** Largest request body accepted (bytes); more is a 413. */
  bodyLimit?: number;
  /** Reads need an API key too (default: open). */
  readsNeedKey?: boolean;
  /** AddSWTag's TAGTYPE when an AMI command gives none (default `container`). */
  defaultTagType?: string;
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
  imageBuilder?: BuildApiPluginOptions['imageBuilder'];
  /** The build API's component builds (need podman and the artifacts); without them, /build/component is not served. */
  componentBuilds?: BuildApiPluginOptions['componentBuilds'];
  environments?: BuildApiPluginOptions['environments'];
  /** The shared root; PUT /build/component needs `artifacts` too. */
  shared?: BuildApiPluginOptions['shared'];
  /** Runs IMS jobs (needs podman); without it, starting a job is a 503. */
  jobRunner?: (context: ImsJobContext) => JobRunner;
  /** This machine's podman and how IMS reaches its remote build nodes over ssh. */
  buildNodes?: ImsPluginOptions['buildNodes'];
  /** Networks whose callers use the build API without a key, as a user (serve --trust-network); none by default. */
  trustedNetwork?: TrustedNetworkOptions;
}

/**
 * The service as one fastify app assembled from the features' plugins: the SW-Tag catalog (always), image
 * management (given an artifact store) and the build API (given its builders); with the service core's auth,
 * security headers, problem details for every error and OpenAPI at /openapi.json.
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
    // Cray's clients call IMS at its gateway path, /apis/ims/...: the same routes as /ims/...; ad-build's
    // scripts call the build API at the root (/component, /image, /jobs/...): the same routes as /build/...
    rewriteUrl: (request: IncomingMessage) => {
      const url = buildApiRootUrl(request.url ?? '/');
      return options.artifacts ? imsGatewayUrl(url) : url;
    },
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'stackhook services: SW-Tag catalog, image management, build API', version: '1' },
    },
  });
  await app.register(formbody);
  await app.register(cookie);
  app.decorate('catalog', catalogRepositories(catalogDatabase(options.db)));
  app.decorateRequest('actor', null as unknown as Actor);
  registerSecurityHeaders(app);
  registerServiceAuth(app, {
    db: options.db,
    readsNeedKey: options.readsNeedKey ?? false,
    failuresPerMinute: options.failuresPerMinute ?? 10,
    ...(options.trustedNetwork ? { trustedNetwork: options.trustedNetwork } : {}),
  });
  app.setErrorHandler(problemErrorHandler());
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type('application/problem+json')
      .send({
        type: 'about:blank',
        title: problemTitle(404),
        status: 404,
        detail: scrubMachinePaths(`no route ${request.method} ${request.originalUrl}`),
        instance: request.originalUrl,
        requestId: request.id,
      }),
  );
  const readsNeedKey = options.readsNeedKey ?? false;
  await app.register(catalogPlugin, {
    readsNeedKey,
    ...(options.defaultTagType ? { defaultTagType: options.defaultTagType } : {}),
  });
  const instanceId = await serviceInstanceId(options.db);
  if (options.artifacts) {
    await app.register(imsPlugin, {
      db: imsDatabase(options.db),
      artifacts: options.artifacts,
      archiveLimit: options.archiveLimit ?? 64 * 1024 * 1024,
      instanceId,
      ...(options.jobRunner ? { jobRunner: options.jobRunner } : {}),
      ...(options.buildNodes ? { buildNodes: options.buildNodes } : {}),
    });
  }
  await app.register(buildApiPlugin, {
    db: buildApiDatabase(options.db),
    readsNeedKey,
    instanceId,
    catalog: app.catalog,
    ...(options.imageBuilder ? { imageBuilder: options.imageBuilder } : {}),
    // Component builds keep their tarballs in the artifact store.
    ...(options.artifacts && options.componentBuilds ? { componentBuilds: options.componentBuilds } : {}),
    ...(options.environments ? { environments: options.environments } : {}),
    ...(options.shared ? { shared: options.shared } : {}),
  });
  app.get('/openapi.json', { schema: { hide: true }, config: { role: undefined } }, async () =>
    app.swagger(),
  );
  return app;
}
