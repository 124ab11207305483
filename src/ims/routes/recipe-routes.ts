import { pipeline, Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { softDeleteRoutes } from './soft-delete-routes.js';
import { debootstrapTemplate } from '../debootstrap-template.js';
import { StackhookError } from '../../errors/stackhook-error.js';
import type { RecipeRepository } from '../recipe-repository.js';
import { GzipMagic, notGzip } from './gzip-magic.js';
import { idParams, newRecipeBody, patchRecipeBody } from './recipe-schemas.js';

/**
 * /ims/v3/recipes and /ims/v3/deleted/recipes: create, list, get, patch (arch, require_dkms,
 * template_dictionary, a link once), upload the archive, soft delete, undelete, delete for good.
 */
export const recipeRoutes: FastifyPluginAsyncTypebox<{
  recipes: RecipeRepository;
  archiveLimit: number;
}> = async (app, options) => {
  const { recipes } = options;
  // The archive is handed over as the request's stream, read only by the handler (after the role check) and
  // streamed into the store: never held whole in memory.
  app.addContentTypeParser(['application/gzip', 'application/octet-stream'], (_request, body, done) =>
    done(null, body),
  );
  const tags = ['ims'];
  app.get('/ims/v3/recipes', { schema: { tags } }, async () => recipes.list(false));
  app.post('/ims/v3/recipes', { schema: { tags, body: newRecipeBody } }, async (request, reply) => {
    const recipe = request.body;
    // Checked now (a 422 naming the key; a PATCH's in RecipeRepository.patch), and again by the job that uses
    // them: a recipe stored before a rule still can't pass its values to debootstrap.
    if (recipe.recipe_type === 'debootstrap') debootstrapTemplate(recipe.template_dictionary ?? []);
    return reply.code(201).send(await recipes.create(recipe));
  });
  app.get('/ims/v3/recipes/:id', { schema: { tags, params: idParams } }, async (request) =>
    recipes.get(request.params.id),
  );
  app.patch(
    '/ims/v3/recipes/:id',
    { schema: { tags, params: idParams, body: patchRecipeBody } },
    async (request) => recipes.patch(request.params.id, request.body),
  );
  app.put('/ims/v3/recipes/:id/archive', { schema: { tags, params: idParams } }, async (request, reply) => {
    const limit = options.archiveLimit;
    if (!(request.body instanceof Readable)) throw notGzip();
    if (Number(request.headers['content-length']) > limit) {
      void reply.header('connection', 'close');
      throw tooLarge(limit);
    }
    try {
      return await recipes.uploadArchive(
        request.params.id,
        // pipeline: a client that goes away fails the upload (and so leaves nothing stored).
        pipeline(request.body, new GzipMagic(), () => undefined),
        limit,
      );
    } catch (error) {
      // What the client still sends is not read: the connection ends with the answer.
      if (!request.raw.complete) void reply.header('connection', 'close');
      throw error;
    }
  });
  await app.register(softDeleteRoutes, { plural: 'recipes', records: recipes });
};

const tooLarge = (limit: number) =>
  new StackhookError({
    kind: 'input',
    status: 413,
    description: `the recipe archive is larger than this service's limit of ${limit} bytes`,
    subject: 'body',
  });
