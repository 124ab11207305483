import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ArtifactStore } from '../../artifacts/artifact-store.js';
import { inputError } from '../../errors/stackhook-error.js';
import { findStoredComponent } from '../component/find-stored-component.js';
import { unpackComponentTarball, type TarballLimits } from '../shared/unpack-component-tarball.js';
import type { ImageComponent } from './image-component.js';

/** Each stored component a Dockerfile takes, unpacked from the store into the build context `dir`. */
export async function unpackImageComponents(
  components: readonly ImageComponent[],
  options: { store: ArtifactStore; architecture: string; dir: string; limits: TarballLimits },
): Promise<void> {
  for (const { component, tag, contextPath } of components) {
    const stored = await findStoredComponent(options.store, {
      component,
      tag,
      architecture: options.architecture,
    });
    if (!stored)
      throw inputError(
        `dockerfile: the Dockerfile adds component ${component} ${tag}, which is not stored for ${options.architecture} (nor without an architecture)`,
        'dockerfile',
      );
    const target = path.join(options.dir, contextPath);
    await mkdir(target, { recursive: true });
    await unpackComponentTarball(
      await options.store.get(stored.key),
      `component ${component} ${tag}`,
      options.limits,
      target,
    );
  }
}
