import { jupyterTagger } from './jupyter-tagger.js';

/** notebook-6.4.12 (Jupyter Notebook). */
export const notebookTagger = jupyterTagger('notebook', 'notebook', false);
