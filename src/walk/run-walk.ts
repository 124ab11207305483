import type { Engine } from '../engine/engine.js';
import { StackhookError } from '../errors/stackhook-error.js';
import { readGitInfo, type GitInfo } from '../git/git-info.js';
import {
  DEFAULT_VARIANT,
  inheritedManifests,
  inheritedTaggers,
  requireImage,
  type Hierarchy,
} from '../hierarchy/hierarchy.js';
import type { Platform } from '../hierarchy/platform.js';
import { buildName } from '../hierarchy/build-name.js';
import { Graph } from '../hierarchy/graph.js';
import { chosenVariants, type VariantChoice } from '../hierarchy/variant-choice.js';
import type { Log } from '../log/log.js';
import type { BuildRecord } from '../records/build-record.js';
import type { BuiltImage } from '../records/built-image.js';
import { buildStage } from '../pipeline/build-stage.js';
import type { PreviousBuildSourceName } from '../pipeline/previous-build/previous-build-sources.js';
import { describeImage } from '../pipeline/hook.js';
import { fullImage } from '../hierarchy/image-naming.js';
import { inheritedTests } from '../hierarchy/inherited-tests.js';
import { OutFolder } from '../records/out-folder.js';
import { releaseImage, type Release } from '../pipeline/release-image.js';
import type { ProbeSet } from '../probe/probe-set.js';
import type { PushedImage } from '../records/pushed-image.js';
import type { RegisteredImage } from '../records/registered-image.js';
import { reusableRecord } from './reusable-record.js';
import type { WalkEvent } from './walk-event.js';
import { walkGraph } from './walk-graph.js';
import type { WalkedImage, WalkResult } from './walked-image.js';
import { testFingerprint } from '../hierarchy/test-fingerprint.js';
import { testSuiteDigest } from '../hierarchy/test-suite-digest.js';
import { TestFailedError } from '../pipeline/test-failed-error.js';

export interface WalkRequest {
  hierarchy: Hierarchy;
  engine: Engine;
  log: Log;
  probes: ProbeSet;
  /** Roots of the subtrees to walk; the whole hierarchy when empty. */
  images: readonly string[];
  platform: Platform;
  outDir: string;
  jobs: number;
  previousFrom?: readonly PreviousBuildSourceName[];
  wikiDir?: string;
  /** Where each image is, as it changes (live progress in a terminal). */
  onEvent?: (event: WalkEvent) => void;
  /** Which variants beside the defaults (every one when undefined). */
  variants?: VariantChoice;
  /** `--no-test`: skip the images' tests. */
  noTest?: boolean;
  /** Push (and register) each image as soon as it is described (`walk --push`, `--register`). */
  release?: Release;
  now?: Date;
  signal?: AbortSignal;
}

interface Walked {
  built: BuiltImage;
  record: BuildRecord;
  probed: boolean;
  pushed: PushedImage | undefined;
  registered: RegisteredImage | undefined;
  describeMs: number;
}

/** A child's description waits for its parent's; this is what it gets when the parent's failed. */
class ParentFailed extends Error {
  constructor(readonly parent: string) {
    super(`${parent} failed`);
  }
}

/**
 * `stackhook walk`: every image of the named subtrees (or of the hierarchy), parents before children,
 * independent branches in parallel. An unchanged image is neither rebuilt nor probed again: its record is
 * reused. A failure stops only its own subtree. An image's variants build beside it, FROM its parent (as
 * docker-stacks' CI builds them); its children build FROM its default.
 */
export async function runWalk(request: WalkRequest): Promise<WalkResult> {
  const started = performance.now();
  const { hierarchy, log } = request;
  for (const image of request.images) requireImage(hierarchy, image);
  const roots = request.images.length > 0 ? request.images : hierarchy.graph.names;
  const selected = hierarchy.graph.names.filter((name) =>
    roots.some((root) => hierarchy.graph.lineage(name).includes(root)),
  );
  // Read once, on first need: an unchanged walk never needs it.
  let reading: Promise<GitInfo> | undefined;
  const git = () => (reading ??= readGitInfo(hierarchy.rootDir));
  const stage = { ...request, variant: DEFAULT_VARIANT, git };
  // Each build is a node of its own: an image's default (named as the image) and its variants, whose parent is
  // the image's parent, so that a failed variant stops nothing else.
  const variantsOf = chosenVariants(hierarchy, selected, request.variants);
  const builds = new Map(
    selected.flatMap((image) =>
      variantsOf(image).map((variant) => [buildName(image, variant), { image, variant }] as const),
    ),
  );
  const graph = new Graph([
    ...hierarchy.graph.names.map((name) => ({ name, parent: hierarchy.graph.parent(name) })),
    ...[...builds]
      .filter(([, build]) => build.variant !== DEFAULT_VARIANT)
      .map(([name, build]) => ({ name, parent: hierarchy.graph.parent(build.image) })),
  ]);
  const out = new OutFolder(request.outDir);

  // Ancestors outside the walk are built (or found unchanged) once, not described.
  const ancestors = new Map<string, Promise<BuiltImage>>();
  const ancestor = (image: string): Promise<BuiltImage> => {
    let built = ancestors.get(image);
    if (!built) {
      const parent = hierarchy.graph.parent(image);
      built = (async () =>
        buildStage({ ...stage, image, parent: parent === undefined ? undefined : await ancestor(parent) }))();
      ancestors.set(image, built);
    }
    return built;
  };

  // Children wait only for their parent's build: describing (probe, outputs) and pushing an image run beside
  // its children's builds, so the walk's wall time follows the chain of builds. A child is only described once
  // its parent was described and pushed: when that fails, the child is skipped with its subtree.
  const emit = (image: string, phase: WalkEvent['phase']) => request.onEvent?.({ image, phase });
  for (const name of builds.keys()) emit(name, 'waiting');
  const described = new Map<string, Promise<Omit<Walked, 'built'>>>();
  const describe = async (name: string, built: BuiltImage): Promise<Omit<Walked, 'built'>> => {
    const { image, variant } = builds.get(name)!;
    const parent = hierarchy.graph.parent(image);
    const parentDescribed = parent === undefined ? undefined : described.get(parent);
    if (parentDescribed) await parentDescribed.catch(() => Promise.reject(new ParentFailed(parent!)));
    const started = performance.now();
    const expected = {
      fullImage: fullImage(hierarchy, image),
      taggers: inheritedTaggers(hierarchy, image),
      manifests: inheritedManifests(hierarchy, image),
      tests: request.noTest ? undefined : await expectedTests(hierarchy, image),
    };
    const kept = built.reused ? reusableRecord(await out.findRecord(built), built, expected) : undefined;
    if (!kept) emit(name, 'describing');
    if (kept) log.info(`${name}: record of ${built.imageId.slice(0, 12)} reused, not probed again`);
    const record = kept ?? (await describeImage({ ...stage, image, variant, built, git: await git() }));
    if (request.release) emit(name, 'pushing');
    const released =
      request.release && (await releaseImage({ ...request, out, record, release: request.release }));
    const { pushed, registered } = released ?? {};
    emit(name, built.reused ? 'reused' : 'built');
    return { record, probed: !kept, pushed, registered, describeMs: performance.now() - started };
  };
  const failing = <T>(image: string, work: Promise<T>): Promise<T> =>
    work.catch((error: unknown) => {
      emit(image, error instanceof ParentFailed ? 'skipped' : 'failed');
      throw error;
    });
  const outcomes = await walkGraph<BuiltImage>({
    graph,
    images: [...builds.keys()],
    jobs: request.jobs,
    signal: request.signal,
    run: async (name, parentBuilt) => {
      const { image, variant } = builds.get(name)!;
      const parentName = hierarchy.graph.parent(image);
      emit(name, 'building');
      const parent =
        parentBuilt ?? (parentName === undefined ? undefined : await failing(name, ancestor(parentName)));
      const built = await failing(name, buildStage({ ...stage, image, variant, parent }));
      const description = failing(name, describe(name, built));
      description.catch(() => undefined); // settled below; not an unhandled rejection meanwhile
      described.set(name, description);
      return built;
    },
  });

  const images: WalkedImage[] = [];
  for (const [name, { image, variant }] of builds) {
    const build = outcomes.get(name)!;
    if (build.status === 'skipped') {
      images.push({
        image,
        variant,
        status: 'skipped',
        reason: build.reason,
        probed: false,
        durationMs: 0,
        record: undefined,
      });
      continue;
    }
    const outcome: { error: unknown } | { walked: Walked } =
      build.status === 'failed'
        ? { error: build.error }
        : await described.get(name)!.then(
            (rest) => ({ walked: { built: build.value, ...rest } }),
            (error: unknown) => ({ error }),
          );
    if ('error' in outcome && outcome.error instanceof ParentFailed) {
      const reason = `${outcome.error.parent} failed`;
      images.push({
        image,
        variant,
        status: 'skipped',
        reason,
        probed: false,
        durationMs: 0,
        record: undefined,
      });
      continue;
    }
    const durationMs = build.durationMs + ('walked' in outcome ? outcome.walked.describeMs : 0);
    if ('error' in outcome) {
      const { error } = outcome;
      const reason =
        error instanceof StackhookError ? error.message : String((error as Error)?.message ?? error);
      log.error(error instanceof StackhookError ? error.render() : `${name}: ${reason}`);
      const junit = error instanceof TestFailedError ? { junit: error.junit } : {};
      images.push({
        image,
        variant,
        status: 'failed',
        reason,
        probed: false,
        durationMs,
        record: undefined,
        ...junit,
      });
      continue;
    }
    const { built, record, probed, pushed, registered } = outcome.walked;
    const reuse = probed ? 'input unchanged; probed again' : 'input unchanged; record reused';
    images.push({
      image,
      variant,
      status: built.reused ? 'reused' : 'built',
      reason: built.reused ? reuse : undefined,
      probed,
      durationMs,
      record,
      pushed,
      registered,
      built,
    });
  }
  for (const walked of images)
    if (walked.status === 'skipped') emit(buildName(walked.image, walked.variant), 'skipped');
  return { images, durationMs: performance.now() - started };
}

/** The fingerprints of the tests an image's record must have passed, its suites' files included. */
async function expectedTests(hierarchy: Hierarchy, image: string): Promise<string[]> {
  const suiteDigest = await testSuiteDigest(hierarchy, image);
  return inheritedTests(hierarchy, image).map((test) => testFingerprint(test, suiteDigest));
}
