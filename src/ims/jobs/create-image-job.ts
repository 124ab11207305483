import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ArtifactStore } from '../../artifacts/artifact-store.js';
import type { Engine } from '../../engine/engine.js';
import { runCommand, tail } from '../../engine/run-command.js';
import { StackhookError, stageError } from '../../errors/stackhook-error.js';
import { hostPlatform } from '../../hierarchy/platform.js';
import type { Log } from '../../log/log.js';
import { removeArtifactFolder } from '../artifact-folder.js';
import type { ImsImageRepository } from '../ims-image-repository.js';
import { keyOfLink } from '../ims-link.js';
import type { RecipeRepository } from '../recipe-repository.js';
import { buildRecipeImage } from './build-recipe-image.js';
import type { JobRecord, JobRepository, JobStatus } from './job-repository.js';
import { packageImageArtifacts } from './package-image-artifacts.js';

export interface JobContext {
  engine: Engine;
  store: ArtifactStore;
  recipes: RecipeRepository;
  images: ImsImageRepository;
  jobs: JobRepository;
  log: Log;
}

/**
 * A create job: the recipe's archive fetched and unpacked, its root built with podman, packaged (squashfs,
 * OCI archive, kernel, initrd, manifest) into the store and recorded as a new image. Each phase is the job's
 * status while it runs, timed into `phases`; everything it prints goes to the job's log. A failure leaves the
 * job in `error` with the reason, and no artifacts and no image record behind.
 */
export async function runCreateJob(job: JobRecord, context: JobContext, signal: AbortSignal): Promise<void> {
  const { jobs, store } = context;
  const phases: JobRecord['phases'] = {};
  let pending = '';
  const flush = async () => {
    if (pending) await jobs.appendLog(job.id, pending);
    pending = '';
  };
  const phase = async <T>(status: JobStatus, work: () => Promise<T>): Promise<T> => {
    await jobs.update(job.id, { status });
    pending += `== ${status}\n`;
    const started = performance.now();
    try {
      return await work();
    } finally {
      phases[status] = Math.round(performance.now() - started);
      await flush();
      await jobs.update(job.id, { phases });
    }
  };
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-ims-job-'));
  const tag = `localhost/stackhook/ims-job:${job.id}`;
  const imageId = randomUUID();
  try {
    const recipeDir = path.join(workDir, 'recipe');
    const recipe = await phase('fetching_recipe', async () => {
      const recipe = await context.recipes.get(job.artifact_id);
      const key = recipe.link && keyOfLink(store.location, recipe.link);
      if (!key) throw stageError(`recipe ${recipe.id} has no archive in this store`, `job ${job.id}`);
      const archive = path.join(workDir, 'recipe.tar.gz');
      await pipeline(await store.get(key), createWriteStream(archive));
      await mkdir(recipeDir);
      // GNU tar drops leading / and refuses .. members: an archive can't write outside recipeDir.
      const unpacked = await runCommand(
        'tar',
        ['--extract', '--gzip', '--file', archive, '--directory', recipeDir, '--no-same-owner'],
        { signal },
      );
      if (unpacked.exitCode !== 0)
        throw stageError('cannot unpack the recipe archive', `recipe ${recipe.id}`, tail(unpacked.stderr, 5));
      pending += `recipe ${recipe.name} (${recipe.recipe_type}) from ${recipe.link!.path}\n`;
      return recipe;
    });
    await phase('building_image', () =>
      buildRecipeImage({
        engine: context.engine,
        log: context.log,
        recipe,
        recipeDir,
        tag,
        signal,
        onOutput: (chunk) => {
          pending += chunk;
        },
      }),
    );
    const link = await phase('packaging_artifacts', () =>
      packageImageArtifacts({
        engine: context.engine,
        store,
        image: tag,
        imageId,
        workDir: path.join(workDir, 'package'),
        signal,
      }),
    );
    const image = await context.images.create({
      id: imageId,
      name: job.image_root_archive_name,
      arch: hostPlatform(),
      link,
    });
    pending += `image ${image.id}: ${link.path}\n`;
    await flush();
    await jobs.update(job.id, { status: 'success', resultant_image_id: image.id });
  } catch (error) {
    const reason =
      error instanceof StackhookError ? error.render() : String((error as Error)?.message ?? error);
    pending += `${reason}\n`;
    await flush();
    await removeArtifactFolder(store, `images/${imageId}/`).catch(() => undefined);
    await jobs.update(job.id, { status: 'error', error: reason.split('\n')[0]!.replace(/^error: /, '') });
  } finally {
    await rm(workDir, { recursive: true, force: true });
    await context.engine.removeImage(tag);
  }
}
