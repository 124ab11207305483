import type { Engine } from '../engine/engine.js';
import type { Log } from '../log/log.js';
import { debootstrapImage, parseDebootstrapReference } from './debootstrap.js';

/**
 * true when `image` is here: already, by pulling it, or (for stackhook's own debootstrap references,
 * `localhost/stackhook/debootstrap:<suite>-<variant>`) by making it with debootstrap.
 */
export async function ensureImage(
  engine: Engine,
  image: string,
  log: Log,
  signal?: AbortSignal,
): Promise<boolean> {
  if (await engine.inspectImage(image)) return true;
  const spec = parseDebootstrapReference(image);
  if (spec) {
    await debootstrapImage(engine, spec, log);
    return true;
  }
  return engine.pull(image, signal);
}
