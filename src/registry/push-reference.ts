import type { Engine } from '../engine/engine.js';
import { stageError, StackhookError } from '../errors/stackhook-error.js';
import type { Log } from '../log/log.js';
import { isTransientPushFailure } from './push-failure.js';
import type { PushedReference } from '../records/pushed-image.js';
import type { RegistryTarget } from './registry-target.js';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from './with-retries.js';

export interface PushReferenceRequest {
  engine: Engine;
  log: Log;
  imageId: string;
  /** `<host>/<owner>/<image>:<tag>` */
  destination: string;
  target: RegistryTarget;
  /** For errors: the image's name. */
  image: string;
  authFile?: string;
  retry?: RetryPolicy;
  signal?: AbortSignal;
}

/**
 * Pushes one local image to one reference, retrying transient failures with backoff; a refusal (401/403/404)
 * fails at once, naming the image and the reference.
 */
export async function pushReference(request: PushReferenceRequest): Promise<PushedReference> {
  const { engine, log, destination, target } = request;
  const pushOnce = () =>
    engine.push(request.imageId, destination, {
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
    return { registry: target.host, reference: destination, digest: value.digest, attempts };
  } catch (error) {
    const transient = isTransientPushFailure(error);
    throw stageError(
      transient
        ? `push to ${target.host} kept failing: ${firstLine(error)}`
        : `push to ${target.host} failed: ${firstLine(error)}`,
      `image ${request.image}, ${destination}`,
      error instanceof StackhookError ? error.details : undefined,
      error,
    );
  }
}

function firstLine(error: unknown): string {
  const details = error instanceof StackhookError ? error.details : undefined;
  const lines = (details ?? String((error as Error)?.message ?? error)).split('\n').filter(Boolean);
  return lines.at(-1) ?? 'unknown error';
}
