import type { FastifyInstance } from 'fastify';
import { StackhookError } from '../../errors/stackhook-error.js';
import type { JobRepository } from '../jobs/job-repository.js';
import type { JobRunner } from '../jobs/job-runner.js';
import type { RecipeRepository } from '../recipe-repository.js';
import { idParams } from './recipe-schemas.js';

const newJobBody = {
  type: 'object',
  additionalProperties: false,
  required: ['job_type', 'artifact_id', 'image_root_archive_name'],
  properties: {
    job_type: { type: 'string', enum: ['create'] },
    artifact_id: { type: 'string', format: 'uuid' },
    image_root_archive_name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$' },
  },
} as const;

/** /ims/v3/jobs: start a create job (201, it runs on), list, get, and read its log. */
export async function jobRoutes(
  app: FastifyInstance,
  options: { jobs: JobRepository; recipes: RecipeRepository; runner: JobRunner | undefined },
): Promise<void> {
  const { jobs, recipes, runner } = options;
  const tags = ['ims'];
  const id = (request: { params: unknown }) => (request.params as { id: string }).id;
  app.post('/ims/v3/jobs', { schema: { tags, body: newJobBody } }, async (request, reply) => {
    if (!runner) {
      throw new StackhookError({
        kind: 'stage',
        status: 503,
        description: 'this service runs no jobs: podman was not available when it started',
        subject: 'jobs',
      });
    }
    const body = request.body as { job_type: 'create'; artifact_id: string; image_root_archive_name: string };
    const recipe = await recipes.get(body.artifact_id);
    if (!recipe.link)
      throw new StackhookError({
        kind: 'input',
        description: `recipe ${recipe.id} has no archive yet`,
        subject: 'artifact_id',
      });
    const job = await jobs.create(body);
    runner.start(job);
    return reply.code(201).send(job);
  });
  app.get('/ims/v3/jobs', { schema: { tags } }, async () => jobs.list());
  app.get('/ims/v3/jobs/:id', { schema: { tags, params: idParams } }, async (request) =>
    jobs.get(id(request)),
  );
  app.get('/ims/v3/jobs/:id/log', { schema: { tags, params: idParams } }, async (request, reply) =>
    reply.type('text/plain; charset=utf-8').send(await jobs.log(id(request))),
  );
}
