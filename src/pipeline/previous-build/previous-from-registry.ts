import type { Engine } from '../../engine/engine.js';
import { manifestDigest } from '../../registry/manifest-digest.js';
import { parseImageReference } from '../../registry/image-reference.js';
import { isLocalRegistry } from '../../registry/is-local-registry.js';
import type { PackageLister } from '../../packages/package-lister.js';
import type { PreviousBuild } from './previous-build.js';

/**
 * The previous build of an image from the registry's tag (its `<prefix>-latest` as last pushed): pulled by
 * digest, so no local tag moves, and listed in one probe container.
 */
export async function previousFromRegistry(
  engine: Engine,
  reference: string,
  listers: readonly PackageLister[],
  signal?: AbortSignal,
): Promise<PreviousBuild | string> {
  let digest: string | undefined;
  try {
    digest = await manifestDigest(reference, signal);
  } catch (error) {
    return (error as Error).message;
  }
  if (!digest) return `no ${reference} in the registry`;
  const { registry, repository } = parseImageReference(reference);
  const pinned = `${registry}/${repository}@${digest}`;
  const present =
    (await engine.inspectImage(pinned)) !== undefined ||
    (await engine.pull(pinned, signal, { tlsVerify: !isLocalRegistry(registry) }));
  if (!present) return `cannot pull ${pinned}`;
  await using session = await engine.openProbeSession(pinned, { signal });
  const commands = listers.flatMap((lister) => lister.commands);
  const results = await session.execAll(commands, signal);
  let offset = 0;
  const packages = listers.flatMap((lister) => {
    const own = results.slice(offset, (offset += lister.commands.length));
    return own.every((result) => result.exitCode === 0) ? lister.list(own) : [];
  });
  const info = await engine.inspectImage(pinned);
  return {
    foundIn: 'registry',
    reference: pinned,
    buildTimestamp: info?.created,
    gitSha: info?.labels['org.opencontainers.image.revision'],
    packages,
  };
}
