import type { Engine } from '../engine/engine.js';
import { DEFAULT_VARIANT } from '../hierarchy/hierarchy.js';
import type { Platform } from '../hierarchy/platform.js';
import type { OutFolder } from '../records/out-folder.js';
import { inputError, stageError } from '../errors/stackhook-error.js';
import type { Log } from '../log/log.js';
import { isLocalRegistry } from '../registry/is-local-registry.js';
import type { BuiltImage } from '../records/built-image.js';

export interface PullAncestorRequest {
  engine: Engine;
  log: Log;
  /** Where an earlier job's records and push records were put (an artifact downloaded into `--out`). */
  out: OutFolder;
  platform: Platform;
  image: string;
  /** Credentials for a private registry (else podman's own auth file). */
  authFile?: string;
  signal?: AbortSignal;
}

/**
 * An ancestor built by an earlier job (`--parents-from registry`): its record and push record are read from the
 * out folder, the image is pulled by digest and tagged with the local name its children are built FROM. The
 * pulled image must be the one the record describes (same image ID), so the child's input digest is too.
 */
export async function pullAncestor(request: PullAncestorRequest): Promise<BuiltImage> {
  const { engine, image } = request;
  // Ancestors are built in the default variant.
  const build = { image, platform: request.platform, variant: DEFAULT_VARIANT };
  const record = await request.out.readRecord(build);
  const pushed = await request.out.readPushed(build);
  const first = pushed.references[0];
  if (!first) throw inputError(`the push record of ${image} lists no reference`, image);
  const repository = first.reference.slice(0, first.reference.lastIndexOf(':'));
  const source = `${repository}@${first.digest}`;
  await request.log.step(`pull ${image} (${source})`, async () => {
    const pulled = await engine.pull(source, request.signal, {
      tlsVerify: !isLocalRegistry(first.registry),
      authFile: request.authFile,
    });
    if (!pulled) throw stageError(`cannot pull ${source}`, `image ${image}`);
  });
  const info = await engine.inspectImage(source);
  if (info?.id !== record.built.imageId) {
    throw stageError(
      `${source} is image ${info?.id.slice(0, 12)}, but ${image}'s record says ${record.built.imageId.slice(0, 12)}`,
      `image ${image}`,
    );
  }
  await engine.tag(info.id, [record.built.reference]);
  return { ...record.built, reused: true, durationMs: 0 };
}
