import type { ExecResult } from '../src/engine/exec-result.js';

/**
 * The command is not installed: the shell's exit 127 with its "not found" (dash, bash, busybox all say so). A
 * file that is there but cannot run also exits 127 under dash ("Permission denied"), or 126: that is a broken
 * tool, which must fail, not be skipped as absent.
 */
export function toolMissing(result: ExecResult | undefined): boolean {
  return result === undefined || (result.exitCode === 127 && /not found/i.test(result.stderr));
}
