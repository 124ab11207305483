import type { ExecResult } from '../engine/exec-result.js';
import type { Command } from '../probe/tagger.js';
import type { Package, PackageSource } from '../records/package.js';

/**
 * Lists the packages of one source from commands run in the probe container. Listers reuse the manifest
 * pieces' commands where they can, so listing costs no extra exec. A failed command (the tool is not
 * installed) lists nothing.
 */
export interface PackageLister {
  source: PackageSource;
  commands: readonly Command[];
  list(results: readonly ExecResult[]): Package[];
}
