import { BUILTIN_MANIFESTS, buildInfoManifest } from '../../manifests/index.js';
import { PACKAGE_LISTERS } from '../../manifests/package-listers.js';
import { BUILTIN_TAGGERS } from '../../taggers/index.js';
import type { KnownProbes } from '../hierarchy/load-hierarchy.js';
import type { ProbeCatalog } from './probe-catalog.js';

export function builtinProbeCatalog(): ProbeCatalog {
  return {
    taggers: BUILTIN_TAGGERS,
    manifests: BUILTIN_MANIFESTS,
    buildInfo: buildInfoManifest,
    listers: PACKAGE_LISTERS,
  };
}

export function knownProbes(catalog: ProbeCatalog): KnownProbes {
  return { taggers: new Set(catalog.taggers.keys()), manifests: new Set(catalog.manifests.keys()) };
}
