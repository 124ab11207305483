import type { Tagger } from '../src/probe/tagger.js';
import { wordAfter } from './version-output.js';

export const R_VERSION: readonly string[] = ['R', '--version'];

/** r-4.2.2, from "R version 4.2.2 Patched (2022-11-10 r83330) -- ..." */
export const rTagger: Tagger = {
  name: 'r',
  commands: [R_VERSION],
  value: ([result]) => `r-${wordAfter(result, /^R version \d/, 2)}`,
};
