import type { PackageLister } from '../packages/package-lister.js';
import type { ManifestPiece } from './manifest-piece.js';
import type { Tagger } from './tagger.js';

/** Every tagger and manifest piece an image may name, and the package listers every probe runs. */
export interface ProbeSet {
  taggers: ReadonlyMap<string, Tagger>;
  manifests: ReadonlyMap<string, ManifestPiece>;
  /** Always the first section (docker-stacks' Build Info). */
  buildInfo: ManifestPiece;
  listers: readonly PackageLister[];
}
