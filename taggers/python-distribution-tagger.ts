import type { Tagger } from '../src/probe/tagger.js';
import { distributionVersion, PYTHON_DISTRIBUTIONS } from './python-distributions.js';

/**
 * `<prefix>-<version>` of the first of `distributions` installed, read from the shared distribution listing
 * (docker-stacks runs `pip show <package>` for each), without its local version label (2.1.0+cpu → 2.1.0):
 * the variant says cpu or cuda. When none is installed (or there is no python3): no tag.
 */
export function pythonDistributionTagger(name: string, distributions: readonly string[]): Tagger {
  return {
    name,
    commands: [PYTHON_DISTRIBUTIONS],
    allowFailure: true,
    value: ([listing]) => {
      for (const distribution of distributions) {
        const version = distributionVersion(listing, distribution);
        if (version !== undefined) return `${name}-${version.split('+')[0]!}`;
      }
      return undefined;
    },
  };
}
