import type { Hierarchy } from '../hierarchy/hierarchy.js';
import { DEFAULT_VARIANT, requireImage } from '../hierarchy/hierarchy.js';
import type { Platform } from '../hierarchy/platform.js';
import { buildName } from '../hierarchy/build-name.js';
import { chosenVariants, type VariantChoice } from '../hierarchy/variant-choice.js';

/** One build job of a fanned-out run: an image on a platform, at its level of the hierarchy. */
export interface PlannedBuild {
  image: string;
  platform: Platform;
  level: number;
  parent: string | null;
  /** Only on another variant's build (built FROM the same parent): the default's entries stay as they were. */
  variant?: string;
}

/** What `plan` tells a workflow: the build order, and a GitHub Actions matrix per level. */
export interface BuildPlan {
  /** Builds per level, parents before children (level 0: the roots): the image, `image (variant)` for a variant. */
  levels: string[][];
  /** Every build, level by level. */
  builds: PlannedBuild[];
  /** `{ "0": { include: [...] }, "1": ... }`: one matrix per level, for `fromJSON(...)['0']`. */
  matrix: Record<string, { include: PlannedBuild[] }>;
  /** How many levels there are (jobs for deeper levels are skipped). */
  depth: number;
}

/**
 * The builds of the named subtrees (every image when none is named), each on each of its platforms that is
 * asked for (its own `platforms:` when none is), grouped by level: a level's jobs only need the previous one's.
 * An image's variants are builds of their own beside it, FROM the same parent (as docker-stacks' CI builds
 * them); its children build FROM its default.
 */
export function buildPlan(
  hierarchy: Hierarchy,
  options: { images?: readonly string[]; platforms?: readonly Platform[]; variants?: VariantChoice } = {},
): BuildPlan {
  const roots = options.images?.length ? options.images : hierarchy.graph.names;
  for (const image of roots) requireImage(hierarchy, image);
  const selected = new Set(roots.flatMap((image) => hierarchy.graph.subtree(image)));
  let levels = hierarchy.graph.levels
    .map((level) => level.filter((image) => selected.has(image)))
    .filter((level) => level.length > 0);
  // An image builds on a platform only when its whole lineage does: its parent must exist there to build FROM.
  const platformsOf = (image: string): Platform[] =>
    hierarchy.graph
      .lineage(image)
      .map((name) => hierarchy.images.get(name)!.platforms)
      .reduce((common, platforms) => common.filter((platform) => platforms.includes(platform)))
      .filter((platform) => !options.platforms || options.platforms.includes(platform));
  const variantsOf = chosenVariants(hierarchy, [...selected], options.variants);
  const planned = levels.map((level, index) =>
    level.flatMap((image) =>
      variantsOf(image).flatMap((variant) =>
        platformsOf(image).map((platform) => ({
          image,
          platform,
          level: index,
          parent: hierarchy.graph.parent(image) ?? null,
          ...(variant === DEFAULT_VARIANT ? {} : { variant }),
        })),
      ),
    ),
  );
  // A level with nothing to build on the platforms asked for is left out: an empty matrix fails a workflow.
  const kept = planned.filter((builds) => builds.length > 0);
  const builds = kept.flatMap((level, index) => level.map((build) => ({ ...build, level: index })));
  levels = kept.map((level) => [
    ...new Set(level.map((build) => buildName(build.image, build.variant ?? DEFAULT_VARIANT))),
  ]);
  const matrix = Object.fromEntries(
    levels.map((_, index) => [String(index), { include: builds.filter((build) => build.level === index) }]),
  );
  return { levels, builds, matrix, depth: levels.length };
}
