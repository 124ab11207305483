import type { ExecResult } from '../engine/exec-result.js';
import type { ManifestContext } from './probe-context.js';
import type { Command } from './tagger.js';

/** One `## Section` of the build manifest, made from commands run in the image. */
export interface ManifestPiece {
  name: string;
  commands: readonly Command[];
  allowFailure?: boolean;
  /** Undefined when the piece has nothing to say about this image (its tool is not installed): no section. */
  markdown(results: readonly ExecResult[], context: ManifestContext): string | undefined;
}
