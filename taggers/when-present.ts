import type { ExecResult } from '../src/engine/exec-result.js';
import { toolMissing } from './tool-missing.js';

/**
 * For "when present" taggers: undefined when the tool is not installed (toolMissing), the result when it ran.
 * Any other failure (126 or 127 "Permission denied" too) is a broken tool, not an absent one: it throws.
 */
export function ifInstalled(result: ExecResult | undefined): ExecResult | undefined {
  if (!result || toolMissing(result)) return undefined;
  if (result.exitCode !== 0) {
    const stderr = result.stderr.trim().split('\n').slice(-3).join(' / ');
    throw new Error(`exited with code ${result.exitCode}${stderr ? `: ${stderr}` : ''}`);
  }
  return result;
}
