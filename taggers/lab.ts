import { jupyterTagger } from './jupyter-tagger.js';

/** lab-4.3.5, when JupyterLab is installed. */
export const labTagger = jupyterTagger('lab', 'jupyterlab', true);
