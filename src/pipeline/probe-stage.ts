import type { Engine } from '../engine/engine.js';
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
  probes: ProbeSet;
  git: GitInfo;
  now: Date;
  repository: string | undefined;
  signal?: AbortSignal;
}

/** Opens one container of the built image, runs the image's taggers and manifest pieces in it, removes it. */
export async function probeStage(request: ProbeStageRequest): Promise<ProbeResult> {
  const { hierarchy, engine, built, probes } = request;
  const { taggers, pieces } = imageProbes(hierarchy, probes, built.image);
  return request.log.step(
    `probe ${built.image} (${taggers.length} taggers, ${pieces.length} manifest pieces)`,
    async () => {
      // The size lookup runs while the container starts; it never rejects, so nothing can leak the session.
      const info = engine.inspectImage(built.imageId).catch(() => undefined);
      await using session = await engine.openProbeSession(built.imageId, { signal: request.signal });
      return await runProbes({
        image: built.image,
        session,
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
