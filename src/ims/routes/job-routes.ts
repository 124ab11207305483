import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { StackhookError } from '../../errors/stackhook-error.js';
import type { ImsImageRepository } from '../ims-image-repository.js';
import type { JobRecord, JobRepository } from '../jobs/job-repository.js';
import type { JobRunner } from '../jobs/job-runner.js';
import type { PublicKeyRepository } from '../public-key-repository.js';
import type { RecipeRepository } from '../recipe-repository.js';
import { jobFilterOf } from './job-filter-of.js';
import { jobRequestOf, type JobSource } from './job-request-of.js';
import { deleteJobsQuery, jobPatchBody, newJobBody } from './job-schemas.js';
import { idParams } from './recipe-schemas.js';

const missing = (description: string, subject: string) =>
  new StackhookError({ kind: 'input', description, subject });

/**
 * /ims/v3/jobs: start a create or customize job (201, it runs on, or waits under the job limit: then
 * `queue_position` says where), list, get, read its log, patch (admin: Cray's internal use), delete one or
 * those Cray's filters take (each stopped first, its containers removed).
 */
export const jobRoutes: FastifyPluginAsyncTypebox<{
  jobs: JobRepository;
  recipes: RecipeRepository;
  images: ImsImageRepository;
  publicKeys: PublicKeyRepository;
  runner: JobRunner | undefined;
}> = async (app, options) => {
  const { jobs, recipes, images, publicKeys, runner } = options;
  const tags = ['ims'];
  // Cray's record has no queued status: a waiting job stays `creating`, and says where it waits.
  const shown = (job: JobRecord) => ({ ...job, queue_position: runner?.queuePosition(job.id) ?? null });
  // IMS's delete: the job stopped (queued or running; it removes what it made), then its record goes.
  const remove = async (job: JobRecord) => {
    await runner?.cancel(job.id);
    await jobs.delete(job.id);
  };
  app.post('/ims/v3/jobs', { schema: { tags, body: newJobBody } }, async (request, reply) => {
    if (!runner) {
      throw new StackhookError({
        kind: 'stage',
        status: 503,
        description: 'this service runs no jobs: podman was not available when it started',
        subject: 'jobs',
      });
    }
    const body = request.body;
    // What the job starts from is checked now, so that a wrong id is this request's 4xx, not a failed job.
    let source: JobSource;
    if (body.job_type === 'create') {
      const recipe = await recipes.get(body.artifact_id);
      if (!recipe.link) throw missing(`recipe ${recipe.id} has no archive yet`, 'artifact_id');
      // arch and require_dkms: on recipes that have them.
      source = recipe as JobSource;
    } else {
      const image = await images.get(body.artifact_id);
      if (!image.link) throw missing(`image ${image.id} has no manifest yet`, 'artifact_id');
      source = { arch: image.arch };
    }
    const asked = jobRequestOf(body, source);
    if (asked.public_key_id) await publicKeys.get(asked.public_key_id);
    const job = await jobs.create(asked);
    runner.start(job);
    return reply.code(201).send(shown(job));
  });
  app.get('/ims/v3/jobs', { schema: { tags } }, async () => (await jobs.list()).map(shown));
  app.get('/ims/v3/jobs/:id', { schema: { tags, params: idParams } }, async (request) =>
    shown(await jobs.get(request.params.id)),
  );
  // Cray's internal use (its job pods report their status): admin keys only.
  app.patch(
    '/ims/v3/jobs/:id',
    { schema: { tags, params: idParams, body: jobPatchBody }, config: { role: 'admin' } },
    async (request) => {
      const job = await jobs.get(request.params.id);
      await jobs.update(job.id, request.body);
      return shown(await jobs.get(job.id));
    },
  );
  app.delete('/ims/v3/jobs/:id', { schema: { tags, params: idParams } }, async (request, reply) => {
    await remove(await jobs.get(request.params.id));
    return reply.code(204).send();
  });
  app.delete('/ims/v3/jobs', { schema: { tags, querystring: deleteJobsQuery } }, async (request, reply) => {
    for (const job of await jobs.list(jobFilterOf(request.query))) await remove(job);
    return reply.code(204).send();
  });
  app.get('/ims/v3/jobs/:id/log', { schema: { tags, params: idParams } }, async (request, reply) =>
    reply.type('text/plain; charset=utf-8').send(await jobs.log(request.params.id)),
  );
};
