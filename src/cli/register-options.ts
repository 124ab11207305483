import type { Command } from 'commander';
import { inputError } from '../errors/stackhook-error.js';
import type { Hierarchy } from '../hierarchy/hierarchy.js';
import { inheritedSwTag, missingSwTagFields } from '../hierarchy/inherited-swtag.js';
import type { Log } from '../log/log.js';
import type { CatalogWriter } from '../registration/catalog-writer.js';
import { openCatalogWriter } from '../registration/open-catalog-writer.js';
import { registerStage, type RegisterRequest } from '../registration/register-stage.js';
import type { RegisteredImage } from '../registration/registered-image.js';
import { authFileCredentials } from '../registry/auth-file-credentials.js';
import { defaultAuthFile } from '../registry/default-auth-file.js';
import { RegistryClient } from '../registry/registry-client.js';

export interface RegisterOptions {
  register: boolean;
  catalog?: string;
}

export function addRegisterOptions(command: Command): Command {
  return command
    .option(
      '--register',
      'push, then register each image in the SW-Tag catalog and push <swtag>-<counter> (needs swtag: in the hierarchy)',
      false,
    )
    .option(
      '--catalog <url|file>',
      'with --register: a catalog service (key in STACKHOOK_CATALOG_KEY) or database (default: STACKHOOK_CATALOG, the hierarchy’s catalog:, .stackhook/catalog.sqlite)',
    );
}

/** The register stage with what is the same for every image of a run (the catalog, the mappings) filled in. */
export interface Registration extends AsyncDisposable {
  register(
    request: Omit<RegisterRequest, 'writer' | 'registryClient' | 'swtag' | 'context'>,
  ): Promise<RegisteredImage>;
}

/**
 * Before anything is built: every image to register has every SW-Tag identity field (exit 2 naming the image
 * and the missing fields), and the catalog takes writes (a writer key for a service).
 */
export async function openRegistration(
  hierarchy: Hierarchy,
  images: readonly string[],
  options: { catalog?: string; authFile: string | undefined; log: Log; signal: AbortSignal },
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
    { option: options.catalog, hierarchy: hierarchy.catalog },
    options.log,
  );
  try {
    await writer.checkAccess(options.signal);
  } catch (error) {
    await writer[Symbol.asyncDispose]();
    throw error;
  }
  const registryClient = async (host: string) => {
    // The credentials the push used: the given auth file, else the one podman reads by default.
    const authFile = options.authFile ?? (await defaultAuthFile());
    const credentials = authFile ? await authFileCredentials(authFile, host) : undefined;
    if (credentials) options.log.addSecret(credentials.password);
    return new RegistryClient(host, credentials);
  };
  return {
    register: (request) =>
      registerStage({
        ...request,
        writer,
        registryClient,
        swtag: inheritedSwTag(hierarchy, request.record.image),
        context: { registry: hierarchy.registry, owner: hierarchy.owner },
      }),
    [Symbol.asyncDispose]: () => writer[Symbol.asyncDispose](),
  };
}
