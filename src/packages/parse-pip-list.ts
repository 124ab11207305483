import type { Package } from '../records/package.js';

/**
 * The packages in a `pip list` table ("Package Version" header, a dashed rule, then "name version" rows; pip
 * adds an "Editable project location" column when some are editable).
 */
export function parsePipList(text: string): Package[] {
  const lines = text.split('\n').map((line) => line.trim());
  const rule = lines.findIndex((line) => /^-+( +-+)+$/.test(line));
  if (rule < 0) return [];
  return lines.slice(rule + 1).flatMap((line) => {
    const [name, version] = line.split(/\s+/);
    return name && version ? [{ name, version, source: 'pip' as const }] : [];
  });
}
