import { testsLine } from '../pipeline/tests-section.js';
import { buildName } from '../hierarchy/build-name.js';
import type { WalkResult } from './walked-image.js';

/** The end-of-walk summary: counts, then one line per image with what happened and why. */
export function walkSummary(result: WalkResult): string {
  const count = (status: string) => result.images.filter((image) => image.status === status).length;
  const head =
    `walk: ${result.images.length} images in ${(result.durationMs / 1000).toFixed(1)} s — ` +
    `${count('built')} built, ${count('reused')} reused, ${count('failed')} failed, ${count('skipped')} skipped` +
    (result.images.some((image) => image.pushed)
      ? `, ${result.images.filter((image) => image.pushed).length} pushed`
      : '');
  const names = result.images.map((image) => buildName(image.image, image.variant));
  const width = Math.max(...names.map((name) => name.length));
  const lines = result.images.map((image, index) =>
    [
      `  ${names[index]!.padEnd(width)}`,
      image.status.padEnd(7),
      image.status === 'skipped' ? '      ' : `${(image.durationMs / 1000).toFixed(1).padStart(5)}s`,
      [
        image.reason,
        image.record?.tests && testsLine(image.record.tests) && `tests ${testsLine(image.record.tests)}`,
        image.pushed && `pushed ${image.pushed.digest.slice(0, 19)}`,
      ]
        .filter(Boolean)
        .join('; '),
    ]
      .join('  ')
      .trimEnd(),
  );
  return [head, ...lines].join('\n');
}
