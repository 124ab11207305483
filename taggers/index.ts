import type { Tagger } from '../src/probe/tagger.js';
import { dateTagger } from './date.js';
import { hubTagger } from './hub.js';
import { notebookTagger } from './notebook.js';
import { osTagger } from './os.js';
import { pythonMajorMinorTagger } from './python-major-minor.js';
import { pythonTagger } from './python.js';
import { rTagger } from './r.js';
import { shaTagger } from './sha.js';

/** Built-in taggers by the name stacks.yaml uses. */
export const BUILTIN_TAGGERS: ReadonlyMap<string, Tagger> = new Map(
  [
    shaTagger,
    dateTagger,
    osTagger,
    pythonTagger,
    pythonMajorMinorTagger,
    notebookTagger,
    hubTagger,
    rTagger,
  ].map((tagger) => [tagger.name, tagger]),
);
