/** The walk summary's line for a build: `  <image>[ (<variant>)]  <status>  <seconds>s  <reason>` ('' when none). */
export const walkSummaryLine = (stderr: string, build: string): string => {
  const name = build.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return (
    stderr
      .split('\n')
      .find((text) => new RegExp(`^(\\S+ )?  ${name} +(built|reused|failed|skipped) `).test(text)) ?? ''
  );
};
