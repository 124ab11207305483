import type { Tagger } from '../src/probe/tagger.js';
import { wordAfter } from './version-output.js';
import { ifInstalled } from './when-present.js';

export const JULIA_VERSION: readonly string[] = ['julia', '--version'];

/** julia-1.11.3 from "julia version 1.11.3" (docker-stacks' third word), when Julia is installed. */
export const juliaTagger: Tagger = {
  name: 'julia',
  commands: [JULIA_VERSION],
  allowFailure: true,
  value: ([result]) => {
    const installed = ifInstalled(result);
    return installed && `julia-${wordAfter(installed, /^julia version \d/, 2)}`;
  },
};
