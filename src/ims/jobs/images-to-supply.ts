import { debootstrapReference } from '../../base-image/debootstrap.js';
import { debootstrapTemplate } from '../debootstrap-template.js';
import type { RecipeRecord } from '../recipe-repository.js';
import type { JobContext } from './job-context.js';

/**
 * The images a recipe's build may start from, for a remote build node that lacks them: a debootstrap recipe's
 * root, and every allowed base image named in full (a prefix names no image to copy).
 */
export function imagesToSupply(recipe: RecipeRecord, context: JobContext): string[] {
  const allowed = context.baseImages.entries.filter((entry) => !/[/:]$/.test(entry));
  if (recipe.recipe_type !== 'debootstrap') return allowed;
  const { packages: _packages, ...spec } = debootstrapTemplate(
    recipe.template_dictionary,
    `recipe ${recipe.id}`,
  );
  return [debootstrapReference(spec), ...allowed];
}
