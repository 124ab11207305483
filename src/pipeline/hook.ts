import path from 'node:path';
import type { Engine } from '../engine/engine.js';
import { readGitInfo, type GitInfo } from '../git/git-info.js';
import { DEFAULT_VARIANT, requireImage, type Hierarchy } from '../hierarchy/hierarchy.js';
import type { Platform } from '../hierarchy/platform.js';
import type { Log } from '../log/log.js';
import { OutFolder } from '../records/out-folder.js';
import type { BuildRecord } from '../records/build-record.js';
import type { BuiltImage } from '../records/built-image.js';
import { buildStage } from './build-stage.js';
import { changesStage } from './changes-stage.js';
import {
  PREVIOUS_BUILD_SOURCES,
  type PreviousBuildSourceName,
} from './previous-build/previous-build-sources.js';
import { historyLine, manifestContent, tagsFileContent } from './hook-outputs.js';
import { filePrefix, fullImage, imageTags, tagPrefix } from '../hierarchy/image-naming.js';
import type { ProbeSet } from '../probe/probe-set.js';
import { testAndProbe } from './test-and-probe.js';
import { pullAncestor } from './pulled-ancestor.js';
import { sbomContent } from './sbom-content.js';

export interface HookRequest {
  hierarchy: Hierarchy;
  engine: Engine;
  log: Log;
  probes: ProbeSet;
  image: string;
  platform: Platform;
  variant?: string;
  outDir: string;
  noBuild?: boolean;
  /** `--no-test`: skip the image's tests. */
  noTest?: boolean;
  /** Where to look for the previous build the manifest's changes section compares with. */
  previousFrom?: readonly PreviousBuildSourceName[];
  wikiDir?: string;
  /**
   * `build` (default): build every stale ancestor here. `registry`: the parent was built and pushed by an earlier
   * job (a fanned-out workflow): pull it as its records in `outDir` say, and build only the image.
   */
  parentFrom?: 'build' | 'registry';
  /** Credentials to pull that parent with (else podman's own auth file). */
  authFile?: string;
  now?: Date;
  signal?: AbortSignal;
}

/**
 * `stackhook hook <image>`: build the image and whatever of its lineage is missing or stale, test and probe it
 * in one container, apply its tags locally and write the tags file, manifest, history line, SBOM and record.
 */
export async function runHook(request: HookRequest): Promise<BuildRecord> {
  const { hierarchy, image } = request;
  const variant = request.variant ?? DEFAULT_VARIANT;
  requireImage(hierarchy, image);
  const git = await readGitInfo(hierarchy.rootDir);
  let parent: BuiltImage | undefined;
  const parentName = hierarchy.graph.parent(image);
  if (request.parentFrom === 'registry' && parentName !== undefined) {
    parent = await pullAncestor({ ...request, out: new OutFolder(request.outDir), image: parentName });
    const built = await buildStage({ ...request, image, variant, parent, git });
    return await describeImage({ ...request, variant, built, git });
  }
  for (const name of hierarchy.graph.lineage(image)) {
    // Ancestors are built in the default variant; only the requested image takes the variant.
    const stageVariant = name === image ? variant : DEFAULT_VARIANT;
    parent = await buildStage({ ...request, image: name, variant: stageVariant, parent, git });
  }
  return await describeImage({ ...request, variant, built: parent!, git });
}

export interface DescribeRequest extends Omit<HookRequest, 'noBuild'> {
  variant: string;
  built: BuiltImage;
  /** Read once per walk rather than once per image. */
  git?: GitInfo;
}

/**
 * Everything after the build: test and probe the image in one container, compare its packages with its previous build,
 * apply its tags locally and write the tags file, manifest, history line, SBOM and record.
 */
export async function describeImage(request: DescribeRequest): Promise<BuildRecord> {
  const { hierarchy, engine, log, image, platform, variant, built } = request;
  const spec = requireImage(hierarchy, image);
  const git = request.git ?? (await readGitInfo(hierarchy.rootDir));
  const now = request.now ?? new Date();
  const repository = hierarchy.repository ?? process.env.GITHUB_REPOSITORY ?? git.githubRepository;
  const out = new OutFolder(request.outDir);
  const { tests, junitXml, probe } = await testAndProbe({ ...request, built, git, now, repository, out });

  const prefix = tagPrefix(platform, variant);
  const base = fullImage(hierarchy, image);
  const tags = imageTags(
    hierarchy,
    { image, platform, variant },
    probe.tags.map((tag) => tag.value),
  );
  const taggedReferences = tags.slice(1);
  const paths = out.buildFiles({ image, platform, variant }, git.shortSha);
  const changes = await changesStage({
    ...request,
    packages: probe.packages,
    listers: request.probes.listers,
    sources: request.previousFrom ?? PREVIOUS_BUILD_SOURCES,
    out,
    build: { image, platform, variant },
    wikiDir: request.wikiDir,
    filePrefix: filePrefix(platform, variant),
    registryReference: tags[0]!,
  });
  const moved = changes.changes;
  log.info(
    moved
      ? `${image}: since ${changes.previous!.reference}: ${moved.added.length} added, ${moved.removed.length} removed, ${moved.upgraded.length} upgraded, ${moved.downgraded.length} downgraded`
      : `${image}: no previous build to compare packages with`,
  );
  await engine.tag(built.imageId, tags);

  const buildTimestamp = `${now.toISOString().slice(0, 19)}Z`;
  const record: BuildRecord = {
    schema: 'stackhook.build-record/v1',
    image,
    platform,
    variant,
    tagPrefix: prefix,
    fullImage: base,
    buildTimestamp,
    git: { sha: git.sha, message: git.message },
    built,
    tests,
    probe: {
      tags: probe.tags,
      skipped: probe.skipped,
      sections: probe.sections.map((section) => section.name),
      commandsRun: probe.commandsRun,
      durationMs: probe.durationMs,
    },
    packages: probe.packages,
    changes: { previous: changes.previous, changes: changes.changes },
    tags,
    files: paths,
  };
  const dockerfile = variant === DEFAULT_VARIANT ? spec.dockerfile : spec.variants.get(variant)!.dockerfile;
  await out.writeBuild(record, {
    tags: tagsFileContent(tags),
    manifest: manifestContent(image, git, probe, changes.markdown, tests),
    history: historyLine({
      buildTimestamp,
      taggedReferences,
      git,
      repository,
      dockerfilePath: path.relative(git.root, dockerfile),
      manifestStem: path.basename(paths.manifest, '.md'),
    }),
    sbom: sbomContent(record, probe.os),
    junit: junitXml,
  });
  log.info(`${image}: ${tags.length} tags, manifest ${path.relative(process.cwd(), paths.manifest)}`);
  return record;
}
