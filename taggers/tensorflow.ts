import { pythonDistributionTagger } from './python-distribution-tagger.js';

/** tensorflow-2.18.0 of `tensorflow`, else of `tensorflow-cpu` (docker-stacks' fallback), when installed. */
export const tensorflowTagger = pythonDistributionTagger('tensorflow', ['tensorflow', 'tensorflow-cpu']);
