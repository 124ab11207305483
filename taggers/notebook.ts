import type { Tagger } from '../src/probe/tagger.js';
import { versionLine } from './version-output.js';

/** notebook-6.4.12 */
export const notebookTagger: Tagger = {
  name: 'notebook',
  commands: [['jupyter-notebook', '--version']],
  value: ([result]) => `notebook-${versionLine(result)}`,
};
