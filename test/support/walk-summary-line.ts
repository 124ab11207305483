/** The walk summary's line for an image: `  <image>  <status>  <seconds>s  <reason>` ('' when there is none). */
export const walkSummaryLine = (stderr: string, image: string): string =>
  stderr
    .split('\n')
    .find((text) => new RegExp(`^(\\S+ )?  ${image} +(built|reused|failed|skipped) `).test(text)) ?? '';
