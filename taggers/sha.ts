import type { Tagger } from '../src/probe/tagger.js';

/** The first 12 characters of the commit the image was built from. */
export const shaTagger: Tagger = {
  name: 'sha',
  commands: [],
  value: (_results, { git }) => git.shortSha,
};
