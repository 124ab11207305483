import type { ArtifactStore } from '../../artifacts/artifact-store.js';
import type { ImageAllowList } from '../../containerfile/image-allow-list.js';
import type { Engine } from '../../engine/engine.js';
import type { Log } from '../../log/log.js';
import type { ImsImageRepository } from '../ims-image-repository.js';
import type { PublicKeyRepository } from '../public-key-repository.js';
import type { RecipeRepository } from '../recipe-repository.js';
import type { BuildNodePool, NodePlacement } from '../nodes/build-node-pool.js';
import type { JobRepository } from './job-repository.js';
import type { SquashfsCompression } from './squashfs-compression.js';

/** Where customize jobs' sshd listens (`bindAddress`) and what jobs tell users to connect to (`host`). */
export interface SshAccess {
  bindAddress: string;
  host: string;
  /** How long a customize job waits for its user to signal done. */
  waitMs: number;
}

/** What a job's code needs: the engine, the store, the IMS records and the service's log. */
export interface JobContext {
  engine: Engine;
  store: ArtifactStore;
  recipes: RecipeRepository;
  images: ImsImageRepository;
  publicKeys: PublicKeyRepository;
  jobs: JobRepository;
  log: Log;
  ssh: SshAccess;
  squashfs: SquashfsCompression;
  /** What containerfile recipes may build FROM (besides their own stages). */
  baseImages: ImageAllowList;
  /** The service's instance id: job containers carry it, so that only this service's start removes them. */
  instanceId: string;
  /** The registered remote build nodes (none: every job runs on this machine's podman). */
  buildNodes?: BuildNodePool;
  /** Set for a job placed on a remote build node: `engine` is then that node's podman. */
  node?: NodePlacement;
}
