import { pythonDistributionTagger } from './python-distribution-tagger.js';

/** pytorch-2.6.0 of the `torch` distribution, `+cpu`/`+cu126` dropped as docker-stacks does, when installed. */
export const pytorchTagger = pythonDistributionTagger('pytorch', ['torch']);
