import type { Tagger } from '../src/probe/tagger.js';
import { wordAfter } from './version-output.js';
import { ifInstalled } from './when-present.js';

/** conda-25.1.1 from "conda 25.1.1", when conda is installed. */
export const condaTagger: Tagger = {
  name: 'conda',
  commands: [['conda', '--version']],
  allowFailure: true,
  value: ([result]) => {
    const installed = ifInstalled(result);
    return installed && `conda-${wordAfter(installed, /^conda \d/, 1)}`;
  },
};
