import { requireImage, type Hierarchy } from './hierarchy.js';
import type { ImageTest } from './image-test.js';

/**
 * docker-stacks semantics, as for taggers: an image runs its ancestors' tests and then its own, root first.
 * A test named like an ancestor's replaces it where the ancestor had it.
 */
export function inheritedTests(hierarchy: Hierarchy, image: string): ImageTest[] {
  const byName = new Map<string, ImageTest>();
  for (const name of hierarchy.graph.lineage(image))
    for (const test of requireImage(hierarchy, name).ownTests) byName.set(test.name, test);
  return [...byName.values()];
}

/** The test folders of the image and its ancestors, root first (docker-stacks' get_test_dirs). */
export function inheritedTestDirs(hierarchy: Hierarchy, image: string): string[] {
  return hierarchy.graph
    .lineage(image)
    .map((name) => requireImage(hierarchy, name).testDir)
    .filter((dir): dir is string => dir !== undefined);
}
