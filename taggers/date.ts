import type { Tagger } from '../src/probe/tagger.js';

/** The build date, UTC, YYYY-MM-DD. */
export const dateTagger: Tagger = {
  name: 'date',
  commands: [],
  value: (_results, { now }) => now.toISOString().slice(0, 10),
};
