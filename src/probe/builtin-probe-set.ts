import { BUILTIN_MANIFESTS, buildInfoManifest } from '../../manifests/index.js';
import { PACKAGE_LISTERS } from '../../manifests/package-listers.js';
import { BUILTIN_TAGGERS } from '../../taggers/index.js';
import type { KnownProbes } from '../hierarchy/load-hierarchy.js';
import type { ProbeSet } from './probe-set.js';

export function builtinProbeSet(): ProbeSet {
  return {
    taggers: BUILTIN_TAGGERS,
    manifests: BUILTIN_MANIFESTS,
    buildInfo: buildInfoManifest,
    listers: PACKAGE_LISTERS,
  };
}

export function knownProbes(probes: ProbeSet): KnownProbes {
  return { taggers: new Set(probes.taggers.keys()), manifests: new Set(probes.manifests.keys()) };
}
