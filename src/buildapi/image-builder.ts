import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ImageRepository } from '../catalog/image-repository.js';
import type { Actor } from '../service/auth/actor.js';
import type { SwTagRepository } from '../catalog/swtag-repository.js';
import { ensureImage } from '../base-image/ensure-image.js';
import { checkContainerfile } from '../containerfile/check-containerfile.js';
import type { ImageAllowList } from '../containerfile/image-allow-list.js';
import type { Engine } from '../engine/engine.js';
import { inputError, StackhookError } from '../errors/stackhook-error.js';
import { hostPlatform, ociPlatform, type Platform } from '../hierarchy/platform.js';
import { JobSlots } from '../service/jobs/job-slots.js';
import type { Log } from '../log/log.js';
import type { RegistryClient } from '../registry/registry-client.js';
import { pushReference } from '../registry/push-reference.js';
import type { RegistryTarget } from '../registry/registry-target.js';
import type { BuiltServiceImage } from './built-image.js';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import { BuildEnvironments } from './environment/build-environments.js';
import { resolveImageSources } from './image/resolve-image-sources.js';
import type { ImageComponent } from './image/image-component.js';
import { unpackImageComponents } from './image/unpack-image-components.js';
import { DEFAULT_TARBALL_LIMITS } from './shared/unpack-component-tarball.js';

export interface ImageBuildRequest {
  component: string;
  branch: string;
  /** A platform or a build environment (BuildEnvironments). */
  architecture: string;
  dockerfile: string;
}

/** What podman builds: the Dockerfile as checked, the components it takes, the platform. */
interface PreparedBuild {
  text: string;
  images: readonly string[];
  components: readonly ImageComponent[];
  platform: Platform;
}

/**
 * The build API's image builds: `<component>-<branch>-image:<arch>-sha-<12 hex of the Dockerfile's SHA-256>`
 * from an uploaded Dockerfile, built with podman, pushed to the service's registry, and registered in the
 * catalog under a SW-Tag naming the component (type `build`, image type = component, arch, platform linux,
 * prod step = branch, release = tag). The same Dockerfile for the same architecture is the same image: when
 * the registry has the tag, it is registered (again, idempotently) and answered, not rebuilt, so the tag never
 * moves. The Dockerfile must pass the Containerfile policy (checkContainerfile) with `baseImages`, before
 * podman sees it. Identical requests in flight share one build.
 */
export class ImageBuilder {
  private readonly inFlight = new Map<string, Promise<{ image: BuiltServiceImage; created: boolean }>>();
  private readonly stop = new AbortController();
  private readonly slots: JobSlots;

  constructor(
    private readonly options: {
      engine: Engine;
      log: Log;
      target: RegistryTarget;
      registry: RegistryClient;
      swtags: SwTagRepository;
      images: ImageRepository;
      /** What FROM and COPY --from may name besides earlier stages. */
      baseImages: ImageAllowList;
      timeoutMs?: number;
      /** The machine's job limit, shared with IMS jobs and component builds. */
      slots?: JobSlots;
      /** The architectures builds may name (the platforms alone if not given). */
      environments?: BuildEnvironments;
      /**
       * Where stored components come from when a Dockerfile ADDs one, and the shared root's paths (as given
       * and resolved) its ADD lines may write them under.
       */
      components?: { store: ArtifactStore; roots: readonly string[] };
    },
  ) {
    this.slots = options.slots ?? new JobSlots();
  }

  /** The architecture leads, as in the project's other tags: two architectures' builds never share a tag. */
  static tagOf(dockerfile: string, architecture: string): string {
    return `${architecture}-sha-${createHash('sha256').update(dockerfile).digest('hex').slice(0, 12)}`;
  }

  static nameOf(component: string, branch: string): string {
    return `${component}-${branch}-image`;
  }

  /** The image, and whether this call (or one it joined) built it; a refused Dockerfile throws at once. */
  build(request: ImageBuildRequest, actor: Actor): Promise<{ image: BuiltServiceImage; created: boolean }> {
    const prepared = this.prepare(request);
    const key = JSON.stringify([request.component, request.branch, request.architecture, request.dockerfile]);
    let running = this.inFlight.get(key);
    if (!running) {
      // A build waits for a slot of the job limit (the request waits with it), then runs.
      running = this.slots
        .with(key, this.stop.signal, () => this.run(request, prepared, actor))
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, running);
    }
    return running;
  }

  /** The Dockerfile resolved (environments' FROMs, stored components) and passed by the policy; throws at once. */
  private prepare(request: ImageBuildRequest): PreparedBuild {
    const environments = this.options.environments ?? new BuildEnvironments();
    const { platform } = environments.resolve(request.architecture, 'architecture');
    if (platform !== BUILD_ARCHITECTURE)
      throw inputError(
        `architecture: this service builds ${BUILD_ARCHITECTURE} images, not ${request.architecture}`,
        'architecture',
      );
    const resolved = resolveImageSources(request.dockerfile, {
      roots: this.options.components?.roots ?? [],
      environments,
    });
    if (resolved.components.length > 0 && !this.options.components)
      throw inputError(
        'dockerfile: the Dockerfile adds stored components, and this service stores none',
        'dockerfile',
      );
    const { images } = checkContainerfile(resolved.text, 'dockerfile', this.options.baseImages);
    return { ...resolved, images, platform };
  }

  /** Stops the builds in flight (their requests get the error) and waits for them to clean up. */
  async close(): Promise<void> {
    this.stop.abort();
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** The image if the registry has it, else undefined. */
  async find(component: string, branch: string, tag: string): Promise<BuiltServiceImage | undefined> {
    const name = ImageBuilder.nameOf(component, branch);
    const digest = await this.options.registry.digest(`${this.options.target.owner}/${name}`, tag);
    return digest ? this.describe(name, tag, digest) : undefined;
  }

  /** The image of this component, branch and architecture the catalog registered last, else undefined. */
  async newest(
    component: string,
    branch: string,
    architecture: string,
  ): Promise<BuiltServiceImage | undefined> {
    const { target } = this.options;
    const name = ImageBuilder.nameOf(component, branch);
    const found = await this.options.images.newestBuild(
      { registry: target.host, repository_user: target.owner, repository_name: name },
      { imagetype: component, prodstep: branch, imagearch: architecture },
    );
    if (!found) return undefined;
    const image = this.describe(name, found.swrelease, found.hash_digest);
    return { ...image, swtag: found.repository_swtag, counter: found.repository_counter };
  }

  private async run(
    request: ImageBuildRequest,
    prepared: PreparedBuild,
    actor: Actor,
  ): Promise<{ image: BuiltServiceImage; created: boolean }> {
    const name = ImageBuilder.nameOf(request.component, request.branch);
    const tag = ImageBuilder.tagOf(request.dockerfile, request.architecture);
    const existing = await this.options.registry.digest(`${this.options.target.owner}/${name}`, tag);
    const digest = existing ?? (await this.buildAndPush(request, prepared, name, tag));
    const image = await this.register(request, name, tag, digest, actor);
    return { image, created: !existing };
  }

  /**
   * Builds the Dockerfile from its images (made or pulled if missing), in a context of the components it adds
   * alone, pushes it; its digest.
   */
  private async buildAndPush(
    request: ImageBuildRequest,
    prepared: PreparedBuild,
    name: string,
    tag: string,
  ): Promise<string> {
    const { engine, target } = this.options;
    const local = `localhost/stackhook-build/${name}:${tag}`;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-build-image-'));
    const signal = AbortSignal.any([
      this.stop.signal,
      AbortSignal.timeout(this.options.timeoutMs ?? 1_800_000),
    ]);
    try {
      for (const image of prepared.images)
        if (!(await ensureImage(engine, image, this.options.log, signal)))
          throw inputError(`the service has no image ${image} and can't pull it`, 'dockerfile');
      // The context is the Dockerfile and the stored components it adds: nothing else of this machine.
      await writeFile(path.join(dir, 'Dockerfile'), prepared.text);
      if (this.options.components)
        await unpackImageComponents(prepared.components, {
          store: this.options.components.store,
          architecture: request.architecture,
          dir,
          limits: DEFAULT_TARBALL_LIMITS,
        });
      const { imageId } = await engine
        .build({
          subject: `${name}:${tag}`,
          contextDir: dir,
          dockerfile: path.join(dir, 'Dockerfile'),
          tag: local,
          buildArgs: {},
          labels: {
            'io.stackhook.build.component': request.component,
            'io.stackhook.build.branch': request.branch,
          },
          platform: ociPlatform(prepared.platform),
          signal,
        })
        .catch((error: unknown) => {
          // The client's Dockerfile failed (a step's exit, a platform it can't run): theirs to fix, with
          // podman's words (422), not the service failing (5xx). A stop or a time limit stays what it is.
          if (error instanceof StackhookError && error.kind === 'stage' && !signal.aborted)
            throw new StackhookError({
              kind: 'input',
              status: 422,
              description: `the Dockerfile did not build: ${error.description}`,
              details: error.details,
              subject: 'dockerfile',
              cause: error,
            });
          throw error;
        });
      const pushed = await pushReference({
        engine,
        log: this.options.log,
        imageId,
        image: name,
        destination: `${target.host}/${target.owner}/${name}:${tag}`,
        target,
        signal,
      });
      return pushed.digest;
    } finally {
      await rm(dir, { recursive: true, force: true });
      await engine.removeImage(local);
    }
  }

  /** The SW-Tag and catalog image of a pushed build (both idempotent: a reused image keeps its counter). */
  private async register(
    request: ImageBuildRequest,
    name: string,
    tag: string,
    digest: string,
    actor: Actor,
  ): Promise<BuiltServiceImage> {
    const { target } = this.options;
    const { tag: swtag } = await this.options.swtags.add(
      {
        tagtype: 'build',
        imagetype: request.component,
        imagearch: request.architecture,
        imageplatform: 'linux',
        imagecompiler: 'none',
        prodstep: request.branch,
        swrelease: tag,
        dbrelease: 'none',
        distswrelease: request.branch,
        version: '1',
      },
      actor,
    );
    const { image } = await this.options.images.add(
      {
        registry: target.host,
        repository_user: target.owner,
        repository_name: name,
        repository_swtag: swtag.tagname,
        hash_digest: digest,
      },
      actor,
    );
    return { ...this.describe(name, tag, digest), swtag: swtag.tagname, counter: image.repository_counter };
  }

  private describe(name: string, tag: string, digest: string): BuiltServiceImage {
    const repository = `${this.options.target.host}/${this.options.target.owner}/${name}`;
    return {
      name,
      tag,
      reference: `${repository}:${tag}`,
      digest,
      pull: `podman pull ${repository}@${digest}`,
    };
  }
}

export const BUILD_ARCHITECTURE: Platform = hostPlatform();
