import type { Engine } from '../engine/engine.js';
import { stageError } from '../errors/stackhook-error.js';
import type { Log } from '../log/log.js';
import type { BaseEntry } from '../hierarchy/stacks-schema.js';
import { debootstrapImage, debootstrapReference } from './debootstrap.js';

export interface ResolvedBase {
  /** What to pass as the root image's base build arg. */
  reference: string;
  imageId: string;
  how: 'local' | 'pulled' | 'debootstrap (cached)' | 'debootstrap';
}

/**
 * The root image's base: present locally; else the debootstrap root made on an earlier run (when the hierarchy
 * allows one: that run found the base could not be pulled, and trying again on every run costs a podman call);
 * else pulled; else a debootstrap root, made once. `podman pull <base>` switches back to the real base.
 * Each skipped way is logged with its reason.
 */
export async function resolveBaseImage(
  engine: Engine,
  base: BaseEntry,
  subject: string,
  log: Log,
): Promise<ResolvedBase> {
  const fallback = base.debootstrap && debootstrapReference(base.debootstrap);
  // Both looked up at once: this is on the path of every walk.
  const [local, cached] = await Promise.all([
    engine.inspectImage(base.image),
    fallback ? engine.inspectImage(fallback) : undefined,
  ]);
  if (local) return { reference: base.image, imageId: local.id, how: 'local' };
  log.debug(`base ${base.image}: not present locally`);
  if (fallback && cached) {
    log.info(
      `base ${base.image} is not here: using the debootstrap root made before (podman pull ${base.image} to switch)`,
    );
    return { reference: fallback, imageId: cached.id, how: 'debootstrap (cached)' };
  }
  if (await engine.pull(base.image)) {
    const pulled = await engine.inspectImage(base.image);
    if (pulled) return { reference: base.image, imageId: pulled.id, how: 'pulled' };
  }
  if (!base.debootstrap) {
    throw stageError(
      `base image ${base.image} is not present and cannot be pulled`,
      subject,
      "fix: pull or load it, or add a `debootstrap:` fallback to the image's `base`",
    );
  }
  log.info(`base ${base.image} cannot be pulled: using a debootstrap ${base.debootstrap.suite} root instead`);
  const reference = debootstrapReference(base.debootstrap);
  const imageId = await log.step(`debootstrap ${base.debootstrap.suite} (${base.debootstrap.variant})`, () =>
    debootstrapImage(engine, base.debootstrap!, log),
  );
  return { reference, imageId, how: 'debootstrap' };
}
