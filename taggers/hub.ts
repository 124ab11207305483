import type { Tagger } from '../src/probe/tagger.js';
import { versionLine } from './version-output.js';

/** hub-3.1.1 */
export const hubTagger: Tagger = {
  name: 'hub',
  commands: [['jupyterhub', '--version']],
  value: ([result]) => `hub-${versionLine(result)}`,
};
