import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import type { ArtifactStore, StoredArtifact } from '../../artifacts/artifact-store.js';
import type { ComponentKey } from '../component/component-job-repository.js';
import { storeComponentOnce } from '../component/store-component-once.js';
import type { SharedRoot } from './shared-root.js';
import { unpackComponentTarball, type TarballLimits } from './unpack-component-tarball.js';

/**
 * PUT /component: a tarball a client's build left on the shared root, copied (the service's own copy, so it
 * can't change after the check), checked as a component tarball, and stored where component builds store
 * theirs, once (storeComponentOnce): the same bytes again are stored already (200), other bytes a 409.
 */
export class SharedComponents {
  constructor(
    private readonly options: {
      root: SharedRoot;
      /** Other folders of the volume a results_tarball may lie under (ad-build's scratch); relative is the root's. */
      tarballRoots?: readonly SharedRoot[];
      store: ArtifactStore;
      /** The largest tarball taken (compressed), and what it may unpack to. */
      maxTarballBytes: number;
      limits: TarballLimits;
    },
  ) {}

  async put(
    key: ComponentKey,
    resultsTarball: string,
  ): Promise<{ artifact: StoredArtifact; created: boolean }> {
    const work = await mkdtemp(path.join(os.tmpdir(), 'stackhook-put-component-'));
    try {
      const copy = path.join(work, 'component.tar.gz');
      const { root, tarballRoots = [] } = this.options;
      const from = [root, ...tarballRoots].find((each) => each.holds(resultsTarball)) ?? root;
      const { handle } = await from.openFile(resultsTarball, 'results_tarball', this.options.maxTarballBytes);
      try {
        const stream = handle.createReadStream({ autoClose: false, end: this.options.maxTarballBytes });
        await pipeline(stream, createWriteStream(copy, { flags: 'wx' }));
      } finally {
        await handle.close();
      }
      await unpackComponentTarball(createReadStream(copy), 'results_tarball', this.options.limits);
      return await storeComponentOnce(this.options.store, key, copy, 'results_tarball');
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
}
