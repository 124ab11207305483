import type { Engine } from '../engine/engine.js';
import type { Log } from '../log/log.js';
import { changesSection } from '../packages/changes-section.js';
import { comparablePackages } from '../packages/comparable-packages.js';
import { diffPackages } from '../packages/package-changes.js';
import type { PackageLister } from '../packages/package-lister.js';
import type { Changes } from '../records/changes.js';
import type { ImageBuild, OutFolder } from '../records/out-folder.js';
import type { Package } from '../records/package.js';
import { findPreviousBuild, type PreviousBuildSource } from './previous-build/find-previous-build.js';
import type { PreviousBuildSourceName } from './previous-build/previous-build-sources.js';
import { previousFromRecord } from './previous-build/previous-from-record.js';
import { previousFromRegistry } from './previous-build/previous-from-registry.js';
import { previousFromWiki } from './previous-build/previous-from-wiki.js';

export interface ChangesRequest {
  image: string;
  engine: Engine;
  log: Log;
  packages: readonly Package[];
  listers: readonly PackageLister[];
  /** Where to look, in this order. */
  sources: readonly PreviousBuildSourceName[];
  /** The out folder holding the image's record as the last `hook` left it, and which build it is. */
  out: OutFolder;
  build: ImageBuild;
  /** A checked-out wiki, when there is one. */
  wikiDir: string | undefined;
  filePrefix: string;
  /** The registry tag the last published build of this image and platform carries (`<prefix>-latest`). */
  registryReference: string;
  signal?: AbortSignal;
}

export interface ChangesReport extends Changes {
  /** The "Changes since the previous build" manifest section. */
  markdown: string;
}

/** Finds the image's previous build (out folder, wiki, registry) and says what changed in its packages. */
export async function changesStage(request: ChangesRequest): Promise<ChangesReport> {
  const all: Record<PreviousBuildSourceName, PreviousBuildSource> = {
    out: {
      name: 'out folder',
      find: async () => previousFromRecord(await request.out.findRecord(request.build)),
    },
    wiki: {
      name: 'wiki',
      find: async () =>
        request.wikiDir
          ? previousFromWiki(request.wikiDir, request.filePrefix, request.image)
          : 'no wiki folder given (--wiki-dir)',
    },
    registry: {
      name: 'registry',
      find: () =>
        previousFromRegistry(request.engine, request.registryReference, request.listers, request.signal),
    },
  };
  const sources = request.sources.map((name) => all[name]);
  const previous = await findPreviousBuild(request.image, sources, request.log, request.signal);
  const { packages, notCompared } = comparablePackages(request.packages, previous?.sources);
  const changes = previous && diffPackages(previous.packages, packages);
  const lookedIn = sources.map((source) => source.name);
  const markdown = changesSection(previous, changes, lookedIn, notCompared);
  if (!previous) return { previous: undefined, changes: undefined, markdown };
  const { packages: _packages, ...about } = previous;
  return { previous: about, changes, markdown };
}
