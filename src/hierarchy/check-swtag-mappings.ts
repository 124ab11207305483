import type { Graph } from './graph.js';
import type { StacksFile } from './stacks-schema.js';
import { placeholders, SWTAG_BUILTIN_PLACEHOLDERS, SWTAG_FILTERS } from './swtag-template.js';

interface Problem {
  path: readonly PropertyKey[];
  message: string;
}

/**
 * Every `{placeholder}` of the SW-Tag fields an image ends up with (its own, else its nearest ancestor's, else
 * the stack's) must be a built-in or a tagger that image runs, and every `|filter` a known one, so `--register`
 * can't fail on a typo after a build. A problem is reported where the field is written.
 */
export function checkSwTagMappings(
  stacks: StacksFile,
  graph: Graph,
  known: { taggers: ReadonlySet<string> },
): Problem[] {
  const problems = new Map<string, Problem>();
  const taggerNames = new Set([...known.taggers, ...Object.keys(stacks.taggers)]);
  for (const image of graph.names) {
    const lineage = graph.lineage(image);
    const runs = new Set(lineage.flatMap((name) => stacks.images[name]!.taggers));
    const layers: [PropertyKey[], Record<string, string | undefined>][] = [
      [['swtag'], stacks.swtag],
      ...lineage.map((name): [PropertyKey[], Record<string, string | undefined>] => [
        ['images', name, 'swtag'],
        stacks.images[name]!.swtag ?? {},
      ]),
    ];
    const effective = new Map<string, { template: string; path: PropertyKey[] }>();
    for (const [at, mapping] of layers) {
      for (const [field, template] of Object.entries(mapping))
        if (template !== undefined) effective.set(field, { template, path: [...at, field] });
    }
    for (const { template, path } of effective.values()) {
      for (const { name, filter } of placeholders(template)) {
        const message =
          filter !== undefined && !(SWTAG_FILTERS as readonly string[]).includes(filter)
            ? `unknown filter "|${filter}" (known: ${SWTAG_FILTERS.join(', ')})`
            : (SWTAG_BUILTIN_PLACEHOLDERS as readonly string[]).includes(name) || runs.has(name)
              ? undefined
              : taggerNames.has(name)
                ? `{${name}}: image ${image} does not run the ${name} tagger (add it to its taggers)`
                : `unknown placeholder {${name}} (a tagger the image runs, or ${SWTAG_BUILTIN_PLACEHOLDERS.join(', ')})`;
        if (message && !problems.has(path.join('.'))) problems.set(path.join('.'), { path, message });
      }
    }
  }
  return [...problems.values()];
}
