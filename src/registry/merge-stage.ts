import { inputError, stageError } from '../errors/stackhook-error.js';
import { PLATFORMS, type Platform } from '../hierarchy/platform.js';
import type { Log } from '../log/log.js';
import type { OutFolder } from '../records/out-folder.js';
import type { MergedImage, MergedTag } from '../records/merged-image.js';
import { mergePlan } from './merge-plan.js';
import { OCI_INDEX, type Manifest, type RegistryClient } from './registry-client.js';
import type { RegistryTarget } from './registry-target.js';

export interface MergeRequest {
  image: string;
  variant: string;
  platforms: readonly Platform[];
  /** Holds the tags file of every platform (as each build job left them). */
  out: OutFolder;
  target: RegistryTarget;
  client: RegistryClient;
  allowMissing: boolean;
  log: Log;
  now?: Date;
  signal?: AbortSignal;
}

/** A merge checked and ready to write: every index's manifests and annotations. */
export interface CheckedMerge {
  request: MergeRequest;
  indexes: {
    merged: string;
    platforms: Map<Platform, Manifest>;
    missing: Map<Platform, string>;
    labels: Record<string, string>;
  }[];
}

/**
 * `stackhook merge`, first half: reads every platform's manifest and config for every tag (nothing is pulled)
 * and checks them; a missing platform stops the merge, naming it, unless --allow-missing. Writes nothing, so a
 * merge into several registries can check them all before writing to any.
 */
export async function checkMerge(request: MergeRequest): Promise<CheckedMerge> {
  const { image, target, client, signal } = request;
  const repository = `${target.owner}/${image}`;
  const tagsByPlatform = new Map<Platform, string[]>();
  const absent = new Map<Platform, string>();
  for (const platform of request.platforms) {
    const build = { image, platform, variant: request.variant };
    const tags = await request.out.readTags(build);
    if (tags === undefined) absent.set(platform, `no tags file ${request.out.tagsFile(build)}`);
    else tagsByPlatform.set(platform, tags);
  }
  const plan = mergePlan(tagsByPlatform);
  if (plan.size === 0)
    throw inputError(`nothing to merge for ${image}: no platform has a tags file`, request.out.dir);

  const indexes: CheckedMerge['indexes'] = [];
  for (const [merged, byPlatform] of plan) {
    const platforms = new Map<Platform, Manifest>();
    const missing = new Map(absent);
    for (const platform of request.platforms) {
      const tag = byPlatform.get(platform);
      if (!tag) {
        if (!missing.has(platform)) missing.set(platform, `no ${platform}-${merged} in its tags file`);
        continue;
      }
      const manifest = await client.manifest(repository, tag, signal);
      if (!manifest) missing.set(platform, `${target.host}/${repository}:${tag} is not in the registry`);
      else
        platforms.set(platform, await checkedPlatform(client, repository, tag, platform, manifest, signal));
    }
    if (missing.size > 0 && !request.allowMissing) {
      throw stageError(
        `cannot merge ${image}:${merged}: platform ${[...missing.keys()].join(', ')} missing`,
        `image ${image}`,
        [...missing.values(), 'push every platform first, or pass --allow-missing'].join('\n'),
      );
    }
    if (platforms.size === 0)
      throw stageError(`cannot merge ${image}:${merged}: no platform in the registry`, `image ${image}`);
    const labels = await imageLabels(client, repository, [...platforms.values()][0]!, signal);
    indexes.push({ merged, platforms, missing, labels });
  }
  return { request, indexes };
}

/** `stackhook merge`, second half: writes the checked indexes, one per tag. */
export async function writeMerge({ request, indexes }: CheckedMerge): Promise<MergedImage> {
  const { image, target, client, signal } = request;
  const repository = `${target.owner}/${image}`;
  const created = `${(request.now ?? new Date()).toISOString().slice(0, 19)}Z`;
  const tags: MergedTag[] = [];
  for (const { merged, platforms, missing, labels } of indexes) {
    const index = {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [...platforms].map(([platform, manifest]) => ({
        mediaType: manifest.mediaType,
        digest: manifest.digest,
        size: manifest.size,
        platform: { architecture: PLATFORMS[platform].architecture, os: PLATFORMS[platform].os },
      })),
      annotations: {
        ...Object.fromEntries(
          Object.entries(labels).filter(
            ([key, value]) => key.startsWith('org.opencontainers.image.') && value !== '',
          ),
        ),
        'org.opencontainers.image.created': created,
        'org.opencontainers.image.ref.name': merged,
        'io.stackhook.platforms': [...platforms.keys()].join(','),
      },
    };
    const digest = await client.putManifest(repository, merged, OCI_INDEX, JSON.stringify(index), signal);
    const reference = `${target.host}/${repository}:${merged}`;
    request.log.info(`${reference}: index of ${[...platforms.keys()].join(', ')} (${digest.slice(0, 19)})`);
    tags.push({ reference, digest, platforms: [...platforms.keys()], missing: [...missing.keys()] });
  }
  return { image, variant: request.variant, registry: target.host, tags };
}

/** A single-platform manifest whose config says the platform its tag claims. */
async function checkedPlatform(
  client: RegistryClient,
  repository: string,
  tag: string,
  platform: Platform,
  manifest: Manifest,
  signal?: AbortSignal,
): Promise<Manifest> {
  const configDigest = manifest.body.config?.digest;
  if (!configDigest)
    throw stageError(`${repository}:${tag} is already a manifest list, not one platform's image`);
  const config = await client.blobJson<{ architecture?: string; os?: string }>(
    repository,
    configDigest,
    signal,
  );
  const expected = PLATFORMS[platform];
  if (config.architecture !== expected.architecture || config.os !== expected.os) {
    throw stageError(
      `${repository}:${tag} is ${config.os}/${config.architecture}, not ${expected.os}/${expected.architecture}`,
      `platform ${platform}`,
    );
  }
  return manifest;
}

async function imageLabels(
  client: RegistryClient,
  repository: string,
  manifest: Manifest,
  signal?: AbortSignal,
): Promise<Record<string, string>> {
  const config = await client.blobJson<{ config?: { Labels?: Record<string, string> | null } }>(
    repository,
    manifest.body.config!.digest,
    signal,
  );
  return config.config?.Labels ?? {};
}
