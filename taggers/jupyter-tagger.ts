import type { Tagger } from '../src/probe/tagger.js';
import { distributionVersion, PYTHON_DISTRIBUTIONS } from './python-distributions.js';

/**
 * notebook-6.4.12, lab-4.3.5, hub-3.0.0: the version of the Jupyter application's distribution, which is
 * what `jupyter-notebook --version` (docker-stacks' command) prints, read from the Python distribution
 * listing the manifest runs anyway: starting each application to ask costs 0.7 s.
 */
export function jupyterTagger(name: string, distribution: string, whenPresent: boolean): Tagger {
  return {
    name,
    commands: [PYTHON_DISTRIBUTIONS],
    allowFailure: true,
    value: ([listing]) => {
      const version = distributionVersion(listing, distribution);
      if (version === undefined && !whenPresent)
        throw new Error(`the Python distribution "${distribution}" is not installed`);
      return version && `${name}-${version}`;
    },
  };
}
