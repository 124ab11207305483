import { inputError } from '../errors/stackhook-error.js';
import { inheritedManifests, inheritedTaggers, type Hierarchy } from '../hierarchy/hierarchy.js';
import type { ManifestPiece } from '../probe/manifest-piece.js';
import type { ProbeSet } from '../probe/probe-set.js';
import type { Tagger } from '../probe/tagger.js';

/** The taggers an image runs (its ancestors' first) and its manifest pieces, Build Info first. */
export function imageProbes(
  hierarchy: Hierarchy,
  probes: ProbeSet,
  image: string,
): { taggers: Tagger[]; pieces: ManifestPiece[] } {
  const pick = <T>(names: string[], from: ReadonlyMap<string, T>, kind: string): T[] =>
    names.map((name) => {
      const found = from.get(name);
      if (!found) throw inputError(`unknown ${kind} "${name}"`, `${hierarchy.file} (image ${image})`);
      return found;
    });
  return {
    taggers: pick(inheritedTaggers(hierarchy, image), probes.taggers, 'tagger'),
    pieces: [probes.buildInfo, ...pick(inheritedManifests(hierarchy, image), probes.manifests, 'manifest')],
  };
}
