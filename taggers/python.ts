import type { ExecResult } from '../src/engine/exec-result.js';
import type { Tagger } from '../src/probe/tagger.js';
import { wordAfter } from './version-output.js';

export const PYTHON_VERSION: readonly string[] = ['python3', '--version'];

export function pythonVersion(result: ExecResult | undefined): string {
  return wordAfter(result, /^Python \d/, 1);
}

/** python-3.11.2 */
export const pythonTagger: Tagger = {
  name: 'python',
  commands: [PYTHON_VERSION],
  value: ([result]) => `python-${pythonVersion(result)}`,
};
