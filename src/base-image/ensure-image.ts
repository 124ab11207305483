import type { Engine } from '../engine/engine.js';
import type { Log } from '../log/log.js';
import { debootstrapImage } from './debootstrap.js';

const DEBOOTSTRAP = /^localhost\/stackhook\/debootstrap:([a-z]+)-(minbase|buildd|fakechroot)$/;

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
  const debootstrap = DEBOOTSTRAP.exec(image);
  if (debootstrap) {
    await debootstrapImage(engine, { suite: debootstrap[1]!, variant: debootstrap[2]! }, log);
    return true;
  }
  return engine.pull(image, signal);
}
