import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFoundError } from '../../errors/not-found-error.js';
import { requireRole } from '../../service/auth/service-auth.js';
import { StackhookError } from '../../errors/stackhook-error.js';
import { BUILD_ARCHITECTURE } from '../image-builder.js';
import type { ComponentBuilds } from '../component/component-builds.js';
import type {
  ComponentJobRecord,
  ComponentJobRepository,
  ComponentKey,
} from '../component/component-job-repository.js';
import { requestedBy } from '../component/requested-by.js';
import { buildComponentBody, getComponentQuery, jobParams } from './build-component-schemas.js';
import { describeComponent } from '../component/describe-component.js';
import type { BuildEnvironments } from '../environment/build-environments.js';

/**
 * POST /build/component (200 when the tarball exists, else 202 with the job building it), GET
 * /build/component (the tarball, or a 303 to a presigned URL on S3; when missing and given git_url, 202 with
 * the job building it), GET /build/jobs/{id} and its log.
 */
export const buildComponentRoutes: FastifyPluginAsyncTypebox<{
  builds: ComponentBuilds;
  jobs: ComponentJobRepository;
  readsNeedKey: boolean;
  environments: BuildEnvironments;
}> = async (app, options) => {
  const { builds, jobs } = options;
  const tags = ['build'];
  const describe = describeComponent;
  // A job waiting under the job limit is `queued`, and says where it waits (1: next).
  const shown = (job: ComponentJobRecord) => ({
    ...job,
    queue_position: builds.queuePosition(job.id) ?? null,
  });
  const startBuild = async (
    request: FastifyRequest,
    reply: FastifyReply,
    key: ComponentKey & { git_url: string },
  ) => {
    if (options.environments.resolve(key.architecture, 'architecture').platform !== BUILD_ARCHITECTURE)
      throw new StackhookError({
        kind: 'input',
        description: `this service builds ${BUILD_ARCHITECTURE} components, not ${key.architecture}`,
        subject: 'architecture',
      });
    const outcome = await builds.request(key, requestedBy(request.actor));
    if ('artifact' in outcome) return describe(key, outcome.artifact);
    return reply.code(202).header('location', `/build/jobs/${outcome.job.id}`).send(shown(outcome.job));
  };

  app.post('/build/component', { schema: { tags, body: buildComponentBody } }, async (request, reply) => {
    return startBuild(request, reply, request.body);
  });

  app.get(
    '/build/component',
    { schema: { tags, querystring: getComponentQuery }, config: { role: 'in-handler' } },
    async (request, reply) => {
      requireRole(request, options.readsNeedKey ? 'reader' : undefined);
      const { git_url, ...key } = request.query;
      options.environments.resolve(key.architecture, 'architecture');
      const artifact = await builds.find(key);
      if (artifact) {
        const url = await builds.presignedUrl(artifact, 900);
        if (url)
          return reply
            .code(303)
            .header('location', url)
            .send({ ...describe(key, artifact), location: url });
        return reply
          .type('application/gzip')
          .header('content-length', artifact.size)
          .header('etag', `"${artifact.md5}"`)
          .header('content-disposition', `attachment; filename="${artifact.key.split('/').at(-1)}"`)
          .send(await builds.open(artifact));
      }
      // HEAD reaches this handler too: it only ever looks.
      if (!git_url || request.method === 'HEAD')
        throw notFoundError(`component ${key.component} ${key.tag} (${key.architecture})`, {
          subject: `${key.component}/${key.tag}/${key.architecture}`,
          hint: 'give git_url to build it',
        });
      // Starting a build is a write, whichever method asks for it; key-less, a POST's alone: a page elsewhere
      // can make a browser send a bare GET (older ones without Origin or Sec-Fetch-*), never a JSON POST.
      requireRole(request, 'writer');
      if (request.actor.keyless)
        throw new StackhookError({
          kind: 'input',
          status: 401,
          description: 'a key-less caller starts a build with POST /component, not with a GET',
          subject: 'git_url',
        });
      return startBuild(request, reply, { ...key, git_url });
    },
  );

  app.get('/build/jobs/:id', { schema: { tags, params: jobParams } }, async (request) =>
    shown(await jobs.get(request.params.id)),
  );
  app.get('/build/jobs/:id/log', { schema: { tags, params: jobParams } }, async (request, reply) =>
    reply.type('text/plain; charset=utf-8').send(await jobs.log(request.params.id)),
  );
};
