import type { ExecResult } from '../src/engine/exec-result.js';

/**
 * For "when present" taggers: undefined when the tool is not installed (the shell's 127 "not found" or 126
 * "not executable"), the result when it ran. Any other failure is a broken tool, not an absent one: it throws.
 */
export function ifInstalled(result: ExecResult | undefined): ExecResult | undefined {
  if (!result || result.exitCode === 127 || result.exitCode === 126) return undefined;
  if (result.exitCode !== 0) {
    const stderr = result.stderr.trim().split('\n').slice(-3).join(' / ');
    throw new Error(`exited with code ${result.exitCode}${stderr ? `: ${stderr}` : ''}`);
  }
  return result;
}
