import { inputError } from '../errors/stackhook-error.js';
import type { Hierarchy } from '../hierarchy/hierarchy.js';
import { inheritedSwTag, missingSwTagFields } from '../hierarchy/inherited-swtag.js';
import type { Log } from '../log/log.js';
import type { RegisteredImage } from '../records/registered-image.js';
import type { AuthFile } from '../registry/auth-file.js';
import type { CatalogWriter } from './catalog-writer.js';
import { openCatalogWriter } from './open-catalog-writer.js';
import { registerStage, type RegisterRequest } from './register-stage.js';

/** Where to register: a catalog service or database (`--catalog`, the Action's `catalog-url`) and its key. */
export interface CatalogChoice {
  catalog?: string;
  /** A writer API key for a catalog service (else STACKHOOK_CATALOG_KEY). */
  key?: string;
}

/** The register stage with what is the same for every image of a run (the catalog, the mappings) filled in. */
export interface Registration extends AsyncDisposable {
  register(
    request: Omit<RegisterRequest, 'writer' | 'registryClient' | 'swtag' | 'context'>,
  ): Promise<RegisteredImage>;
}

/**
 * Before anything is built: every image to register has every SW-Tag identity field (exit 2 naming the image
 * and the missing fields), and the catalog takes writes (a writer key for a service). The registry is reached
 * with the credentials the push used.
 */
export async function openRegistration(
  hierarchy: Hierarchy,
  images: readonly string[],
  options: CatalogChoice & { authFile: AuthFile; log: Log; signal?: AbortSignal },
): Promise<Registration> {
  const problems = images.flatMap((image) => {
    const missing = missingSwTagFields(inheritedSwTag(hierarchy, image));
    if (missing.length === 0) return [];
    const line = hierarchy.images.get(image)!.line;
    return [
      `${hierarchy.file}:${line} images.${image}: no SW-Tag ${missing.join(', ')} (set them in swtag:)`,
    ];
  });
  if (problems.length > 0) {
    throw inputError(
      `--register needs every SW-Tag identity field for ${problems.length === 1 ? 'this image' : `${problems.length} images`}`,
      hierarchy.file,
      problems.join('\n'),
    );
  }
  const writer: CatalogWriter = await openCatalogWriter(
    { option: options.catalog, hierarchy: hierarchy.catalog, key: options.key },
    options.log,
  );
  try {
    await writer.checkAccess(options.signal);
  } catch (error) {
    await writer[Symbol.asyncDispose]();
    throw error;
  }
  return {
    register: (request) =>
      registerStage({
        ...request,
        writer,
        registryClient: (host) => options.authFile.client(host),
        swtag: inheritedSwTag(hierarchy, request.record.image),
        context: { registry: hierarchy.registry, owner: hierarchy.owner },
      }),
    [Symbol.asyncDispose]: () => writer[Symbol.asyncDispose](),
  };
}
