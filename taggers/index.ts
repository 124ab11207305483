import type { Tagger } from '../src/probe/tagger.js';
import { condaTagger } from './conda.js';
import { dateTagger } from './date.js';
import { hubTagger } from './hub.js';
import { javaTagger } from './java.js';
import { juliaTagger } from './julia.js';
import { labTagger } from './lab.js';
import { mambaTagger } from './mamba.js';
import { notebookTagger } from './notebook.js';
import { osTagger } from './os.js';
import { pythonMajorMinorTagger } from './python-major-minor.js';
import { pythonTagger } from './python.js';
import { pytorchTagger } from './pytorch.js';
import { rTagger } from './r.js';
import { shaTagger } from './sha.js';
import { sparkTagger } from './spark.js';
import { tensorflowTagger } from './tensorflow.js';

export { aptPackageTagger } from './apt-package.js';
export { pipPackageTagger } from './pip-package.js';

/** Built-in taggers by the name stacks.yaml uses (docker-stacks' library; `os` is its ubuntu tagger for any distribution). */
export const BUILTIN_TAGGERS: ReadonlyMap<string, Tagger> = new Map(
  [
    shaTagger,
    dateTagger,
    osTagger,
    pythonTagger,
    pythonMajorMinorTagger,
    condaTagger,
    mambaTagger,
    notebookTagger,
    labTagger,
    hubTagger,
    rTagger,
    javaTagger,
    sparkTagger,
    juliaTagger,
    tensorflowTagger,
    pytorchTagger,
  ].map((tagger) => [tagger.name, tagger]),
);
