import { markdownPiece } from '../probe/markdown.js';
import type { PackageChanges, PreviousBuildAbout } from '../records/changes.js';

export const CHANGES_TITLE = '## Changes since the previous build';

/** The manifest section that says what changed in the image's packages since its previous build. */
export function changesSection(
  previous: PreviousBuildAbout | undefined,
  changes: PackageChanges | undefined,
  lookedIn: readonly string[],
  /** Sources this build lists that the previous build's listing has nothing of. */
  notCompared: readonly string[] = [],
): string {
  if (!previous || !changes) {
    return markdownPiece(CHANGES_TITLE, [
      `No previous build of this image and platform was found (looked in: ${lookedIn.join(', ') || 'nothing'}).`,
    ]);
  }
  const when = [
    previous.buildTimestamp && `built ${previous.buildTimestamp}`,
    previous.gitSha && `commit ${previous.gitSha.slice(0, 12)}`,
  ].filter(Boolean);
  const against = [
    `Compared with \`${previous.reference}\`${when.length ? ` (${when.join(', ')})` : ''}, found in the ${previous.foundIn}.`,
    ...(notCompared.length
      ? [`Not compared: ${notCompared.join(', ')} (the previous build's listing has none).`]
      : []),
  ].join(' ');
  const counts = `${changes.added.length} added, ${changes.removed.length} removed, ${changes.upgraded.length} upgraded, ${changes.downgraded.length} downgraded.`;
  const rows = [
    ...changes.added.map((pkg) => ['added', pkg.source, pkg.name, '', pkg.version]),
    ...changes.removed.map((pkg) => ['removed', pkg.source, pkg.name, pkg.version, '']),
    ...changes.upgraded.map((change) => ['upgraded', change.source, change.name, change.from, change.to]),
    ...changes.downgraded.map((change) => ['downgraded', change.source, change.name, change.from, change.to]),
  ];
  if (rows.length === 0) return markdownPiece(CHANGES_TITLE, [against, 'No package changed.']);
  const table = [
    '| Change | Source | Package | Previous | Now |',
    '| - | - | - | - | - |',
    ...rows.map(
      (cells) => `| ${cells.map((cell, index) => (index > 1 && cell ? `\`${cell}\`` : cell)).join(' | ')} |`,
    ),
  ].join('\n');
  return markdownPiece(CHANGES_TITLE, [against, counts, table]);
}
