import type { Engine } from '../engine/engine.js';
import { stageError, StackhookError } from '../errors/stackhook-error.js';
import type { Log } from '../log/log.js';
import type { BuildRecord } from '../pipeline/build-record.js';
import { isTransientPushFailure } from './push-failure.js';
import type { PushedImage, PushedReference } from './pushed-image.js';
import type { RegistryTarget } from './registry-target.js';
import { withRetries, type RetryPolicy, DEFAULT_RETRY } from './with-retries.js';

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
  const { engine, log, record } = request;
  const references: PushedReference[] = [];
  for (const target of request.targets) {
    for (const local of record.tags) {
      const tag = local.slice(local.lastIndexOf(':') + 1);
      const destination = `${target.host}/${target.owner}/${record.image}:${tag}`;
      const pushOnce = () =>
        engine.push(record.built.imageId, destination, {
          tlsVerify: target.tlsVerify,
          authFile: request.authFile,
          signal: request.signal,
        });
      try {
        const { value, attempts } = await withRetries(pushOnce, {
          policy: request.retry ?? DEFAULT_RETRY,
          isTransient: isTransientPushFailure,
          signal: request.signal,
          onRetry: (error, attempt, delayMs) =>
            log.warn(
              `push ${destination}: attempt ${attempt} failed (${firstLine(error)}); retrying in ${(delayMs / 1000).toFixed(1)} s`,
            ),
        });
        references.push({ registry: target.host, reference: destination, digest: value.digest, attempts });
      } catch (error) {
        const transient = isTransientPushFailure(error);
        throw stageError(
          transient
            ? `push to ${target.host} kept failing: ${firstLine(error)}`
            : `push to ${target.host} failed: ${firstLine(error)}`,
          `image ${record.image}, ${destination}`,
          error instanceof StackhookError ? error.details : undefined,
          error,
        );
      }
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

function firstLine(error: unknown): string {
  const details = error instanceof StackhookError ? error.details : undefined;
  const lines = (details ?? String((error as Error)?.message ?? error)).split('\n').filter(Boolean);
  return lines.at(-1) ?? 'unknown error';
}
