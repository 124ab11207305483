import type { Platform } from '../hierarchy/platform.js';

/** For each tag without platform prefix, the per-platform tag it joins (docker-stacks' merge_tags). */
export type MergePlan = Map<string, Map<Platform, string>>;

/**
 * Joins the tags files' tags of several platforms: `x86_64-python-3.11.2` and `aarch64-python-3.11.2` become
 * `python-3.11.2`, `x86_64-cuda-latest` becomes `cuda-latest`. Only the tag part of each reference is used.
 */
export function mergePlan(tagsByPlatform: ReadonlyMap<Platform, readonly string[]>): MergePlan {
  const plan: MergePlan = new Map();
  for (const [platform, references] of tagsByPlatform) {
    for (const reference of references) {
      const tag = reference.slice(reference.lastIndexOf(':') + 1);
      if (!tag.startsWith(`${platform}-`)) continue;
      const merged = tag.slice(platform.length + 1);
      if (!plan.has(merged)) plan.set(merged, new Map());
      plan.get(merged)!.set(platform, tag);
    }
  }
  return plan;
}
