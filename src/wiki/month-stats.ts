/** One month of Home.md's table: counted from the month's page, plus the source repository's commits. */
export interface MonthStats {
  /** YYYY-MM */
  yearMonth: string;
  builds: number;
  images: number;
  commits: number;
}

/** The image name in a history line's first image reference: `registry/owner/<image>:tag`. */
function imageOf(line: string): string | undefined {
  return /^\| `[^`]*` \| `[^`]*\/([^/`:]+):[^`/]*`/.exec(line)?.[1];
}

/**
 * Builds = # of times the build workflow finished. docker-stacks counts the x86_64 lines of base-notebook, an
 * image built exactly once per platform in every run. Here the counted image is `countImage`, or else the image
 * with the most such lines on the page (the root of the hierarchy when every run builds it): a page-wide choice,
 * so that the figure does not change with whichever image was published last.
 */
export function countBuilds(page: string, countImage?: string): number {
  const lines = page.split('\n').filter((line) => !line.includes('aarch64'));
  if (countImage !== undefined) return lines.filter((line) => line.includes(`/${countImage}:`)).length;
  const perImage = new Map<string, number>();
  for (const line of lines) {
    const image = imageOf(line);
    if (image) perImage.set(image, (perImage.get(image) ?? 0) + 1);
  }
  return Math.max(0, ...perImage.values());
}

/** Images = # of single platform images pushed: every one adds exactly one "Build manifest" link. */
export function countImages(page: string): number {
  return page.split('Build manifest').length - 1;
}
