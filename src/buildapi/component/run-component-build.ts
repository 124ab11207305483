import { mkdir, mkdtemp, readdir, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ArtifactStore } from '../../artifacts/artifact-store.js';
import type { Engine } from '../../engine/engine.js';
import { inputError, stageError } from '../../errors/stackhook-error.js';
import { hostPlatform, ociPlatform } from '../../hierarchy/platform.js';
import { BuildEnvironments } from '../environment/build-environments.js';
import { JobProgress } from '../../service/jobs/job-progress.js';
import { INSTANCE_LABEL } from '../../service/jobs/service-instance-id.js';
import { ensureImage } from '../../base-image/ensure-image.js';
import { prepareUntrustedBuild } from '../../containerfile/untrusted-build.js';
import { ImageAllowList } from '../../containerfile/image-allow-list.js';
import type { Log } from '../../log/log.js';
import { runChecked } from '../../ims/jobs/run-checked.js';
import { storeComponentOnce } from './store-component-once.js';
import { BUILD_FILE, readComponentBuildFile } from './component-build-file.js';
import type {
  ComponentJobRecord,
  ComponentJobRepository,
  ComponentJobStatus,
} from './component-job-repository.js';
import { cloneGitSource } from './git-source.js';

export interface ComponentBuildContext {
  engine: Engine;
  store: ArtifactStore;
  jobs: ComponentJobRepository;
  log: Log;
  /** Git URL schemes that may be cloned. */
  schemes: readonly string[];
  /** The image builds run in when their build file names none. */
  defaultImage: string;
  /**
   * The images a build file may name besides the default: references, or prefixes ending in `/` or `:`.
   * Nothing else: not another job's builder, not a private image the service's credentials could pull.
   */
  allowedImages?: readonly string[];
  /** Memory limit of a build container (podman's syntax). */
  memory?: string;
  /** The service's instance id: build containers carry it, so that only this service's start removes them. */
  instanceId: string;
  /** A job's architecture names one: its image is the job's default image (the platforms alone if not given). */
  environments?: BuildEnvironments;
}

/**
 * A component build job: `tag` cloned from the repository, its `stackhook-build.yaml` read, the command run
 * in an unprivileged container with no network (the checkout at /src, an empty output folder), and the
 * output folder stored as `components/<component>/<tag>/<arch>/<component>-<tag>-<arch>.tar.gz`. A failure
 * leaves the job in `error` with the reason and nothing stored; the work folder goes on every path. A
 * `containerfile:` must pass the Containerfile policy (checkContainerfile: no RUN --mount, FROM only allowed
 * images ...) and podman builds the very text that passed, from a file of ours (never a `.in` file, which
 * podman would run through cpp, whose #include reads any file of the machine).
 */
export async function runComponentBuild(
  job: ComponentJobRecord,
  context: ComponentBuildContext,
  signal: AbortSignal,
): Promise<void> {
  const { engine, jobs } = context;
  const progress = new JobProgress<ComponentJobStatus>(jobs, job.id);
  const builder = `localhost/stackhook/component-builder:${job.id}`;
  const environments = context.environments ?? new BuildEnvironments();
  const environment = environments.resolve(job.architecture, 'architecture');
  const defaultImage = environment.image ?? context.defaultImage;
  const platform = ociPlatform(environment.platform ?? hostPlatform());
  const images = new ImageAllowList([
    context.defaultImage,
    ...(context.allowedImages ?? []),
    ...environments.images(),
  ]);
  let workDir: string | undefined;
  try {
    const work = (workDir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-component-')));
    const source = path.join(work, 'src');
    const output = path.join(work, 'out');
    const file = await progress.phase('cloning', async () => {
      const { commit } = await cloneGitSource({
        url: job.git_url,
        tag: job.tag,
        dir: source,
        schemes: context.schemes,
        signal,
      });
      progress.write(`${job.git_url} ${job.tag} at ${commit}\n`);
      return readComponentBuildFile(source, job.git_url);
    });
    await progress.phase('building', async () => {
      let image = file.image ?? defaultImage;
      if (file.containerfile) {
        // A symlink can't make podman read a file from outside the checkout.
        const containerfile = await realpath(path.join(source, file.containerfile)).catch(() => '');
        if (!containerfile.startsWith(`${await realpath(source)}/`))
          throw inputError(
            `${file.containerfile} is not a file in the repository`,
            `${BUILD_FILE} containerfile`,
          );
        const checked = path.join(work, 'Containerfile');
        const { images: bases } = await prepareUntrustedBuild({
          containerfile,
          contextDir: source,
          target: checked,
          subject: `${job.git_url}: ${file.containerfile}`,
          images,
        });
        for (const base of bases)
          if (!(await ensureImage(engine, base, context.log, signal)))
            throw inputError(`the service has no image ${base} and can't pull it`, file.containerfile);
        await engine.build({
          subject: `${job.component} builder`,
          contextDir: source,
          dockerfile: checked,
          tag: builder,
          buildArgs: {},
          labels: { 'io.stackhook.build.job': job.id },
          platform,
          signal,
          onOutput: (chunk) => progress.write(chunk),
        });
        image = builder;
      } else if (!images.allows(image)) {
        throw inputError(
          `${image} is not an image this service builds in (${images.toString()})`,
          `${BUILD_FILE} image`,
        );
      } else if (!(await ensureImage(engine, image, context.log, signal))) {
        throw inputError(`the service has no image ${image} and can't pull it`, `${BUILD_FILE} image`);
      }
      await mkdir(output);
      progress.write(`$ ${JSON.stringify(file.command)} in ${image}\n`);
      const { exitCode } = await engine.runContainer(
        {
          subject: `${job.component} ${job.tag} build`,
          image,
          argv: file.command,
          mounts: [
            { source, target: '/src' },
            { source: output, target: file.output },
          ],
          workdir: '/src',
          env: file.env,
          labels: { 'io.stackhook.build.job': job.id, [INSTANCE_LABEL]: context.instanceId },
          network: 'none',
          memory: context.memory,
        },
        { signal, onOutput: (chunk) => progress.write(chunk) },
      );
      if (signal.aborted) throw stageError('the build was stopped', job.component, String(signal.reason));
      if (exitCode !== 0)
        throw stageError(`the build command exited with ${exitCode}`, `${job.component} ${job.tag}`);
    });
    await progress.phase('storing', async () => {
      if ((await readdir(output)).length === 0)
        throw stageError(`the build left nothing in ${file.output}`, `${job.component} ${job.tag}`);
      const tarball = path.join(work, 'component.tar.gz');
      await runChecked(
        'tar',
        [
          '--create',
          '--gzip',
          '--file',
          tarball,
          '--directory',
          output,
          '--owner=0',
          '--group=0',
          '--numeric-owner',
          '--sort=name',
          '.',
        ],
        'pack the output',
        signal,
      );
      // Never over a tarball a PUT stored while this ran: its tag is taken.
      const { artifact: stored } = await storeComponentOnce(context.store, job, tarball, 'build');
      progress.write(`stored ${stored.key} (${stored.size} bytes, md5 ${stored.md5})\n`);
      await jobs.update(job.id, { artifact_key: stored.key, md5: stored.md5 });
    });
    await jobs.update(job.id, { status: 'success' });
  } catch (error) {
    await jobs.update(job.id, { status: 'error', error: await progress.fail(error) });
  } finally {
    if (workDir) await rm(workDir, { recursive: true, force: true });
    await engine.removeImage(builder);
  }
}
