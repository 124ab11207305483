import type { Platform } from '../hierarchy/platform.js';
import type { VariantChoice } from '../hierarchy/variant-choice.js';
import { buildPlan, type BuildPlan } from '../plan/build-plan.js';
import { loadHierarchyOnly } from './load-stack.js';

export interface PlanOptions {
  hierarchy: string;
  /** Roots of the subtrees to plan; every image when empty. */
  images: readonly string[];
  /** Only these platforms; each image's own when empty. */
  platforms: readonly Platform[];
  /** Which variants beside the defaults (every one when undefined). */
  variants?: VariantChoice;
}

/** `stackhook plan`: the build order by level and a GitHub Actions matrix per level. */
export async function plan(options: PlanOptions): Promise<BuildPlan> {
  const hierarchy = await loadHierarchyOnly(options.hierarchy);
  return buildPlan(hierarchy, {
    images: [...options.images],
    platforms: options.platforms.length > 0 ? [...options.platforms] : undefined,
    variants: options.variants,
  });
}
