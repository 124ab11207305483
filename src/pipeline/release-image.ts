import type { Engine } from '../engine/engine.js';
import type { Log } from '../log/log.js';
import type { BuildRecord } from '../records/build-record.js';
import type { OutFolder } from '../records/out-folder.js';
import type { PushedImage } from '../records/pushed-image.js';
import type { RegisteredImage } from '../records/registered-image.js';
import type { Registration } from '../registration/open-registration.js';
import type { AuthFile } from '../registry/auth-file.js';
import { pushStage } from '../registry/push-stage.js';
import type { RegistryTarget } from '../registry/registry-target.js';

/** Where a described image goes next: the registries to push to, and the catalog to register it in. */
export interface Release {
  targets: readonly RegistryTarget[];
  authFile: AuthFile;
  /** Registers once pushed (a registered image is a published one). */
  registration?: Registration;
}

export interface Released {
  pushed: PushedImage;
  registered: RegisteredImage | undefined;
}

/**
 * What follows a build, in the one order every command keeps (hook, walk, the Action): push every tag, leave
 * the push record in the out folder, then register.
 */
export async function releaseImage(request: {
  engine: Engine;
  log: Log;
  out: OutFolder;
  record: BuildRecord;
  release: Release;
  signal?: AbortSignal;
}): Promise<Released> {
  const { log, record, release, signal } = request;
  const { image } = record;
  const hosts = release.targets.map((target) => target.host).join(', ');
  const pushed = await log.step(`push ${image} to ${hosts}`, () =>
    pushStage({ ...request, targets: release.targets, authFile: release.authFile.file }),
  );
  await request.out.writePushed(pushed);
  const registered =
    release.registration &&
    (await log.step(`register ${image}`, () =>
      release.registration!.register({ log, record, pushed, targets: release.targets, signal }),
    ));
  return { pushed, registered };
}
