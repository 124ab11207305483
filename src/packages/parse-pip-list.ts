import type { Package } from './package.js';

/** The packages in a `pip list` table ("Package Version" header, a dashed rule, then "name version" rows). */
export function parsePipList(text: string): Package[] {
  const lines = text.split('\n').map((line) => line.trim());
  const rule = lines.findIndex((line) => /^-+ +-+$/.test(line));
  if (rule < 0) return [];
  return lines.slice(rule + 1).flatMap((line) => {
    const [name, version, ...rest] = line.split(/\s+/);
    return name && version && rest.length === 0 ? [{ name, version, source: 'pip' as const }] : [];
  });
}
