import type { ExecResult } from '../engine/exec-result.js';
import type { ProbeContext } from './probe-context.js';

export type Command = readonly string[];

/**
 * Computes one tag value (e.g. `python-3.11.2`) from commands run in the image. Taggers with no commands
 * read the host (commit sha, date). A command that exits non-zero fails the tagger unless `allowFailure`.
 */
export interface Tagger {
  name: string;
  commands: readonly Command[];
  /** The tagger reads failed results itself (e.g. "tool not installed" means no tag). */
  allowFailure?: boolean;
  /**
   * The results are in the order of `commands`. Returns undefined when what the tagger describes is not in
   * the image (a "when present" tagger): no tag. Throws when the output can't be understood.
   */
  value(results: readonly ExecResult[], context: ProbeContext): string | undefined;
}
