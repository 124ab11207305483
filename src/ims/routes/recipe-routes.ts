import type { FastifyInstance } from 'fastify';
import { softDeleteRoutes } from './soft-delete-routes.js';
import { debootstrapTemplate } from '../debootstrap-template.js';
import { StackhookError } from '../../errors/stackhook-error.js';
import type { ImsLink } from '../ims-link.js';
import type { NewRecipe, RecipeRepository } from '../recipe-repository.js';
import { idParams, newRecipeBody, patchRecipeBody } from './recipe-schemas.js';

const GZIP = Buffer.from([0x1f, 0x8b]);

/**
 * /ims/v3/recipes and /ims/v3/deleted/recipes: create, list, get, link (once), upload the archive, soft
 * delete, undelete, delete for good.
 */
export async function recipeRoutes(
  app: FastifyInstance,
  options: { recipes: RecipeRepository; archiveLimit: number },
): Promise<void> {
  const { recipes } = options;
  app.addContentTypeParser(
    ['application/gzip', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: options.archiveLimit },
    (_request, body, done) => done(null, body),
  );
  const tags = ['ims'];
  app.get('/ims/v3/recipes', { schema: { tags } }, async () => recipes.list(false));
  app.post('/ims/v3/recipes', { schema: { tags, body: newRecipeBody } }, async (request, reply) => {
    const recipe = request.body as NewRecipe;
    // Checked now (a 400 naming the key), and again by the job that uses them.
    if (recipe.recipe_type === 'debootstrap') debootstrapTemplate(recipe.template_dictionary ?? []);
    return reply.code(201).send(await recipes.create(recipe));
  });
  app.get('/ims/v3/recipes/:id', { schema: { tags, params: idParams } }, async (request) =>
    recipes.get((request.params as { id: string }).id),
  );
  app.patch(
    '/ims/v3/recipes/:id',
    { schema: { tags, params: idParams, body: patchRecipeBody } },
    async (request) =>
      recipes.setLink((request.params as { id: string }).id, (request.body as { link: ImsLink }).link),
  );
  app.put('/ims/v3/recipes/:id/archive', { schema: { tags, params: idParams } }, async (request) => {
    const archive = request.body;
    if (!Buffer.isBuffer(archive) || !archive.subarray(0, 2).equals(GZIP)) {
      throw new StackhookError({
        kind: 'input',
        status: 415,
        description: 'the recipe archive must be a gzipped tar (Content-Type: application/gzip)',
        subject: 'body',
      });
    }
    return recipes.uploadArchive((request.params as { id: string }).id, archive);
  });
  await app.register(softDeleteRoutes, { plural: 'recipes', records: recipes });
}
