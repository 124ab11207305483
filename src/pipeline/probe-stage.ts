import type { Engine } from '../engine/engine.js';
import type { ProbeSession } from '../engine/probe-session.js';
import type { GitInfo } from '../git/git-info.js';
import type { Hierarchy } from '../hierarchy/hierarchy.js';
import type { Log } from '../log/log.js';
import type { ProbeResult } from '../probe/probe-result.js';
import { runProbes } from '../probe/run-probes.js';
import type { BuiltImage } from '../records/built-image.js';
import { fullImage } from '../hierarchy/image-naming.js';
import type { ProbeSet } from '../probe/probe-set.js';
import { imageProbes } from './image-probes.js';

export interface ProbeStageRequest {
  hierarchy: Hierarchy;
  engine: Engine;
  log: Log;
  built: BuiltImage;
  /** The image's container (opened by testAndProbe, which removes it). */
  session: ProbeSession;
  probes: ProbeSet;
  git: GitInfo;
  now: Date;
  repository: string | undefined;
  signal?: AbortSignal;
}

/** Runs the image's taggers and manifest pieces in its container. */
export async function probeStage(request: ProbeStageRequest): Promise<ProbeResult> {
  const { hierarchy, engine, built, probes } = request;
  const { taggers, pieces } = imageProbes(hierarchy, probes, built.image);
  return request.log.step(
    `probe ${built.image} (${taggers.length} taggers, ${pieces.length} manifest pieces)`,
    async () => {
      const info = engine.inspectImage(built.imageId).catch(() => undefined);
      return await runProbes({
        image: built.image,
        session: request.session,
        taggers,
        pieces,
        listers: probes.listers,
        signal: request.signal,
        context: {
          git: request.git,
          now: request.now,
          image: built.image,
          fullImage: fullImage(hierarchy, built.image),
          imageSizeBytes: (await info)?.size ?? 0,
          buildTimestamp: `${request.now.toISOString().slice(0, 19)}Z`,
          repository: request.repository,
        },
      });
    },
  );
}
