import type { Tagger } from '../src/probe/tagger.js';
import { versionLine } from './version-output.js';
import { ifInstalled } from './when-present.js';

/** hub-3.1.1, when JupyterHub is installed. */
export const hubTagger: Tagger = {
  name: 'hub',
  commands: [['jupyterhub', '--version']],
  allowFailure: true,
  value: ([result]) => {
    const installed = ifInstalled(result);
    return installed && `hub-${versionLine(installed)}`;
  },
};
