import { inputError } from '../errors/stackhook-error.js';
import { DEFAULT_VARIANT, type Hierarchy } from './hierarchy.js';

/** Which variants `plan` and `walk` build beside each image's default: all (undefined), none ([]) or those named. */
export type VariantChoice = readonly string[] | undefined;

/**
 * The variants each image builds, its default first, then those of its `variants:` the choice keeps (in the
 * hierarchy file's order). A named variant that none of the images has is refused, naming the ones they have.
 */
export function chosenVariants(
  hierarchy: Hierarchy,
  images: readonly string[],
  choice: VariantChoice,
): (image: string) => string[] {
  const known = new Set(images.flatMap((image) => [...hierarchy.images.get(image)!.variants.keys()]));
  const unknown = choice?.find((variant) => variant !== DEFAULT_VARIANT && !known.has(variant));
  if (unknown !== undefined)
    throw inputError(
      `no image has the variant "${unknown}" (variants: ${[...known].join(', ') || 'none'})`,
      '--variant',
    );
  return (image) => [
    DEFAULT_VARIANT,
    ...[...hierarchy.images.get(image)!.variants.keys()].filter(
      (variant) => !choice || choice.includes(variant),
    ),
  ];
}
