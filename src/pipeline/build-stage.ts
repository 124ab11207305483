import { resolveBaseImage } from '../base-image/resolve-base-image.js';
import type { Engine } from '../engine/engine.js';
import type { GitInfo } from '../git/git-info.js';
import { inputError } from '../errors/stackhook-error.js';
import { DEFAULT_VARIANT, requireImage, type Hierarchy } from '../hierarchy/hierarchy.js';
import { ociPlatform, type Platform } from '../hierarchy/platform.js';
import type { Log } from '../log/log.js';
import type { BuiltImage } from '../records/built-image.js';
import { latestReference } from '../hierarchy/image-naming.js';
import { inputDigest } from './input-digest.js';
import { imageLabels } from './image-labels.js';
import { INPUT_DIGEST_LABEL } from './labels.js';

export interface BuildStageRequest {
  hierarchy: Hierarchy;
  engine: Engine;
  log: Log;
  image: string;
  platform: Platform;
  variant: string;
  /** The parent's record; undefined for a root image. */
  parent: BuiltImage | undefined;
  /** Skip building: the image must already exist locally. */
  noBuild?: boolean;
  /** The commit built from, for the OCI revision and version labels; read only when something is built. */
  git?: GitInfo | (() => Promise<GitInfo>);
  signal?: AbortSignal;
}

/** Builds one image unless an image with the same input digest already exists (then it is reused). */
export async function buildStage(request: BuildStageRequest): Promise<BuiltImage> {
  const started = performance.now();
  const { hierarchy, engine, log, image, platform, variant } = request;
  const spec = requireImage(hierarchy, image);
  const variantSpec = variant === DEFAULT_VARIANT ? undefined : spec.variants.get(variant);
  if (variant !== DEFAULT_VARIANT && !variantSpec) {
    throw inputError(
      `image ${image} has no variant "${variant}" (has: ${[DEFAULT_VARIANT, ...spec.variants.keys()].join(', ')})`,
      hierarchy.file,
    );
  }
  if (!spec.platforms.includes(platform)) {
    throw inputError(
      `image ${image} is not built for ${platform} (platforms: ${spec.platforms.join(', ')})`,
      hierarchy.file,
    );
  }
  const reference = latestReference(hierarchy, image, platform, variant);
  let base: BuiltImage['base'];
  let parentImageId = request.parent?.imageId;
  const buildArgs: Record<string, string> = { ...(variantSpec?.buildArgs ?? spec.buildArgs) };
  if (request.parent) {
    buildArgs[hierarchy.baseArg] = request.parent.reference;
  } else if (spec.base) {
    const resolved = await resolveBaseImage(engine, spec.base, `image ${image}`, log);
    buildArgs[hierarchy.baseArg] = resolved.reference;
    parentImageId = resolved.imageId;
    base = { reference: resolved.reference, how: resolved.how };
  }
  const dockerfile = variantSpec?.dockerfile ?? spec.dockerfile;
  const contextDir = variantSpec?.contextDir ?? spec.contextDir;
  // Both read at once: an unchanged walk is a chain of these two per image.
  const [digest, existing] = await Promise.all([
    inputDigest({
      contextDir,
      dockerfile,
      buildArgs,
      platform: ociPlatform(platform),
      parentImageId,
    }),
    engine.inspectImage(reference),
  ]);
  const done = (imageId: string, reused: boolean): BuiltImage => ({
    image,
    platform,
    variant,
    reference,
    imageId,
    inputDigest: digest,
    parentImageId,
    reused,
    base,
    durationMs: performance.now() - started,
  });
  if (existing && existing.labels[INPUT_DIGEST_LABEL] === digest) {
    log.info(`${image}: unchanged (input ${digest.slice(7, 19)}), reusing ${existing.id.slice(0, 12)}`);
    return done(existing.id, true);
  }
  if (request.noBuild) {
    if (existing) return done(existing.id, true);
    throw inputError(`--no-build, but ${reference} does not exist locally`, `image ${image}`);
  }
  const git = typeof request.git === 'function' ? await request.git() : request.git;
  const { imageId } = await log.step(
    `build ${image} (${platform}${variant === DEFAULT_VARIANT ? '' : `, ${variant}`})`,
    () =>
      engine.build({
        subject: image,
        contextDir,
        dockerfile,
        tag: reference,
        buildArgs,
        labels: imageLabels({
          spec,
          inputDigest: digest,
          parentImageId,
          repository: hierarchy.repository ?? process.env.GITHUB_REPOSITORY ?? git?.githubRepository,
          gitSha: git?.sha,
          licenses: hierarchy.licenses,
          created: new Date(),
        }),
        platform: ociPlatform(platform),
        signal: request.signal,
        onOutput: (chunk) => {
          for (const line of chunk.split('\n')) if (/^STEP \d+/.test(line)) log.info(`  ${image}: ${line}`);
        },
      }),
  );
  return done(imageId, false);
}
