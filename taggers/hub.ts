import { jupyterTagger } from './jupyter-tagger.js';

/** hub-3.0.0, when JupyterHub is installed. */
export const hubTagger = jupyterTagger('hub', 'jupyterhub', true);
