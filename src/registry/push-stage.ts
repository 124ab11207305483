import type { Engine } from '../engine/engine.js';
import type { Log } from '../log/log.js';
import type { BuildRecord } from '../records/build-record.js';
import type { PushedImage, PushedReference } from '../records/pushed-image.js';
import { pushReference } from './push-reference.js';
import type { RegistryTarget } from './registry-target.js';
import type { RetryPolicy } from './with-retries.js';

export interface PushRequest {
  engine: Engine;
  log: Log;
  record: BuildRecord;
  targets: readonly RegistryTarget[];
  authFile?: string;
  retry?: RetryPolicy;
  signal?: AbortSignal;
}

/**
 * Pushes every tag of a built image (its record's tags, `<prefix>-latest` first) to every target registry,
 * retrying transient failures with backoff; a refusal (401/403/404) fails at once. Returns the digests.
 */
export async function pushStage(request: PushRequest): Promise<PushedImage> {
  const started = performance.now();
  const { log, record } = request;
  const references: PushedReference[] = [];
  for (const target of request.targets) {
    for (const local of record.tags) {
      const tag = local.slice(local.lastIndexOf(':') + 1);
      references.push(
        await pushReference({
          ...request,
          imageId: record.built.imageId,
          image: record.image,
          destination: `${target.host}/${target.owner}/${record.image}:${tag}`,
          target,
        }),
      );
    }
    log.info(`${record.image}: ${record.tags.length} tags pushed to ${target.host}/${target.owner}`);
  }
  return {
    image: record.image,
    platform: record.platform,
    variant: record.variant,
    digest: references[0]?.digest ?? '',
    references,
    durationMs: performance.now() - started,
  };
}
