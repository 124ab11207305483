import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import type { ArtifactStore, StoredArtifact } from '../../artifacts/artifact-store.js';
import { StackhookError } from '../../errors/stackhook-error.js';
import { componentArtifactKey } from '../component/component-artifact-key.js';
import type { ComponentKey } from '../component/component-job-repository.js';
import type { SharedRoot } from './shared-root.js';
import { unpackComponentTarball, type TarballLimits } from './unpack-component-tarball.js';

/**
 * PUT /component: a tarball a client's build left on the shared root, copied (the service's own copy, so it
 * can't change after the check), checked as a component tarball, and stored where component builds store
 * theirs. A component's tarball never changes: the same bytes again are stored already (200), other bytes a 409.
 * Puts of one component, tag and architecture run one after the other.
 */
export class SharedComponents {
  private readonly running = new Map<string, Promise<unknown>>();

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
      const hash = createHash('md5');
      try {
        const stream = handle.createReadStream({ autoClose: false, end: this.options.maxTarballBytes });
        stream.on('data', (chunk) => hash.update(chunk));
        await pipeline(stream, createWriteStream(copy, { flags: 'wx' }));
      } finally {
        await handle.close();
      }
      const md5 = hash.digest('hex');
      await unpackComponentTarball(createReadStream(copy), 'results_tarball', this.options.limits);
      return await this.serially(JSON.stringify(key), () => this.store(key, copy, md5));
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  private async store(key: ComponentKey, file: string, md5: string) {
    const artifactKey = componentArtifactKey(key);
    const existing = await this.options.store.head(artifactKey);
    if (existing?.md5 === md5) return { artifact: existing, created: false };
    if (existing)
      throw new StackhookError({
        kind: 'input',
        status: 409,
        description: `${key.component} ${key.tag} (${key.architecture}) is stored already, with other bytes (md5 ${existing.md5}); a component's tag never changes`,
        subject: 'results_tarball',
      });
    return {
      artifact: await this.options.store.put(artifactKey, { file }, 'application/gzip'),
      created: true,
    };
  }

  private serially<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.running.get(key) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(work);
    const settled = mine.catch(() => undefined);
    this.running.set(key, settled);
    void settled.then(() => this.running.get(key) === settled && this.running.delete(key));
    return mine;
  }
}
