import { requireImage } from '../hierarchy/hierarchy.js';
import type { Platform } from '../hierarchy/platform.js';
import { OutFolder } from '../records/out-folder.js';
import type { RegisteredImage } from '../records/registered-image.js';
import { openRegistration, type CatalogChoice } from '../registration/open-registration.js';
import { AuthFile } from '../registry/auth-file.js';
import { pushTargetsOf } from '../registry/push-targets.js';
import type { CommandContext } from './command-context.js';
import { loadStack } from './load-stack.js';
import type { RegistryCredentials } from './registry-credentials.js';

export interface RegisterOptions extends CatalogChoice {
  hierarchy: string;
  images: readonly string[];
  platform: Platform;
  variant: string;
  out: string;
  credentials: RegistryCredentials;
}

/** `stackhook register`: pushed images into the SW-Tag catalog, from the records hook/walk/push left. */
export async function register(
  options: RegisterOptions,
  context: CommandContext,
): Promise<RegisteredImage[]> {
  const { log, signal } = context;
  const { hierarchy } = await loadStack({ hierarchy: options.hierarchy });
  for (const image of options.images) requireImage(hierarchy, image);
  const out = new OutFolder(options.out);
  // Every input is read before the catalog is touched: a missing record registers nothing.
  const inputs = await Promise.all(
    options.images.map(async (image) => {
      const build = { image, platform: options.platform, variant: options.variant };
      return { record: await out.readRecord(build), pushed: await out.readPushed(build) };
    }),
  );
  await using authFile = await AuthFile.open({
    file: options.credentials.authFile,
    login: options.credentials.login,
    targets: inputs.flatMap(({ pushed }) => pushTargetsOf(pushed)),
    log,
    signal,
  });
  await using registration = await openRegistration(hierarchy, options.images, {
    ...options,
    authFile,
    log,
    signal,
  });
  const registered: RegisteredImage[] = [];
  for (const { record, pushed } of inputs) {
    // Registered where it was pushed: the push record says which registries and owners.
    const targets = pushTargetsOf(pushed);
    registered.push(
      await log.step(`register ${record.image}`, () =>
        registration.register({ log, record, pushed, targets, signal }),
      ),
    );
  }
  return registered;
}
