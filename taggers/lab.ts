import type { Tagger } from '../src/probe/tagger.js';
import { versionLine } from './version-output.js';
import { ifInstalled } from './when-present.js';

/** lab-4.3.5, when JupyterLab is installed. */
export const labTagger: Tagger = {
  name: 'lab',
  commands: [['jupyter-lab', '--version']],
  allowFailure: true,
  value: ([result]) => {
    const installed = ifInstalled(result);
    return installed && `lab-${versionLine(installed)}`;
  },
};
