import type { Tagger } from '../src/probe/tagger.js';
import { versionLine, wordAfter } from './version-output.js';
import { ifInstalled } from './when-present.js';

/**
 * mamba-2.0.5, when mamba is installed. mamba 2 prints the bare version; mamba 1 printed "mamba 1.5.8" and
 * then conda's version on a second line, which docker-stacks' tagger would have put into the tag.
 */
export const mambaTagger: Tagger = {
  name: 'mamba',
  commands: [['mamba', '--version']],
  allowFailure: true,
  value: ([result]) => {
    const installed = ifInstalled(result);
    if (!installed) return undefined;
    const version = /^mamba \d/m.test(installed.stdout)
      ? wordAfter(installed, /^mamba \d/, 1)
      : versionLine(installed);
    return `mamba-${version}`;
  },
};
