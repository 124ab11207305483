import { PodmanEngine } from '../../engine/podman-engine.js';
import type { Engine } from '../../engine/engine.js';
import { nodePodman, type BuildNodeAccess } from './build-node-access.js';
import { copyImagesToNode } from './copy-images-to-node.js';
import type { LocalPodman } from './local-podman.js';
import { probeNode, type RemoteBuildNodeStatus } from './node-status.js';
import type { RemoteBuildNodeRepository } from './remote-build-node-repository.js';

/** A job's place on a node: that node's podman, a way to give it images, and `release` when the job ends. */
export interface NodePlacement {
  xname: string;
  engine: Engine;
  /** Copies the images (that this machine has and the node lacks) to the node; returns those it copied. */
  supply(references: readonly string[], signal?: AbortSignal): Promise<string[]>;
  release(): void;
}

/**
 * The registered remote build nodes as jobs see them: each one's status, and where the next job goes (the
 * able node of the job's architecture running the fewest of this service's jobs, as Cray's IMS places them).
 */
export class BuildNodePool {
  private readonly running = new Map<string, number>();

  constructor(
    readonly nodes: RemoteBuildNodeRepository,
    private readonly podman: LocalPodman,
    private readonly access: BuildNodeAccess | undefined,
  ) {}

  /** One node's status (404 for an unregistered xname). */
  async status(xname: string): Promise<RemoteBuildNodeStatus> {
    await this.nodes.get(xname);
    return this.probe(xname);
  }

  async statuses(): Promise<RemoteBuildNodeStatus[]> {
    const nodes = await this.nodes.list();
    return Promise.all(nodes.map((node) => this.probe(node.xname)));
  }

  /** A node for a job of `arch`, or undefined when none is able (the job runs on this machine then). */
  async place(arch: string): Promise<NodePlacement | undefined> {
    const access = this.access;
    if (!access) return undefined;
    const able = (await this.statuses()).filter((node) => node.ableToRunJobs && node.nodeArch === arch);
    // Counted now, not from the probes: placements made while this one probed count too.
    const chosen = able
      .map((node) => ({ xname: node.xname, jobs: this.running.get(node.xname) ?? 0 }))
      .sort((a, b) => a.jobs - b.jobs || a.xname.localeCompare(b.xname))[0];
    if (!chosen) return undefined;
    const { xname } = chosen;
    this.running.set(xname, chosen.jobs + 1);
    const remote = nodePodman(access, xname);
    let released = false;
    return {
      xname,
      engine: new PodmanEngine({ ...this.podman, socketPath: '', remote }),
      supply: (references, signal) => copyImagesToNode(this.podman, remote, references, signal),
      release: () => {
        if (released) return;
        released = true;
        const left = (this.running.get(xname) ?? 1) - 1;
        if (left > 0) this.running.set(xname, left);
        else this.running.delete(xname);
      },
    };
  }

  private probe(xname: string): Promise<RemoteBuildNodeStatus> {
    return probeNode(this.access, this.podman, xname, this.running.get(xname) ?? 0);
  }
}
