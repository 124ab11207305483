import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { runCommand, tail } from '../../engine/run-command.js';
import { stageError } from '../../errors/stackhook-error.js';
import { hostPlatform } from '../../hierarchy/platform.js';
import { keyOfLink } from '../ims-link.js';
import type { JobSlot } from '../../service/jobs/running-jobs.js';
import { bootFileNames } from './boot-file-names.js';
import { builtStepId } from './built-step-id.js';
import { holdDebugShell } from './debug-shell.js';
import { buildKiwiRoot } from './build-kiwi-root.js';
import { buildRecipeImage } from './build-recipe-image.js';
import type { JobContext } from './job-context.js';
import type { JobRecord } from './job-repository.js';
import { packageImageArtifacts } from './package-image-artifacts.js';
import { packageKiwiRoot } from './package-kiwi-root.js';
import { runImageJob } from './run-image-job.js';
import { imagesToSupply } from './images-to-supply.js';

/**
 * A create job: the recipe's archive fetched and unpacked, its root built with podman (kiwi-ng recipes: by
 * kiwi-ng in a container, after their repositories answered), packaged (squashfs, OCI archive, kernel,
 * initrd, manifest) into the store and recorded as a new image. Packer recipes are stored, not built.
 */
export async function runCreateJob(
  job: JobRecord,
  context: JobContext,
  signal: AbortSignal,
  slot: JobSlot,
): Promise<void> {
  const { store } = context;
  // The build's last committed step (podman prints `--> <id>` after each): a debug shell's root if it fails.
  let lastStep: string | undefined;
  let partial = '';
  const tag = `localhost/stackhook/ims-job:${job.id}`;
  try {
    await runImageJob(job, context, async ({ progress, imageId, workDir }) => {
      const recipeDir = path.join(workDir, 'recipe');
      const recipe = await progress.phase('fetching_recipe', async () => {
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
          throw stageError(
            'cannot unpack the recipe archive',
            `recipe ${recipe.id}`,
            tail(unpacked.stderr, 5),
          );
        progress.write(`recipe ${recipe.name} (${recipe.recipe_type}) from ${recipe.link!.path}\n`);
        return recipe;
      });
      if (recipe.recipe_type === 'packer')
        throw stageError(
          'packer recipes are not supported: use kiwi-ng, debootstrap or containerfile',
          `recipe ${recipe.id}`,
        );
      if (recipe.recipe_type === 'kiwi-ng') {
        const root = await buildKiwiRoot({
          engine: context.engine,
          log: context.log,
          recipe,
          recipeDir,
          workDir,
          jobId: job.id,
          instanceId: context.instanceId,
          progress,
          signal,
        });
        const link = await progress.phase('packaging_artifacts', () =>
          packageKiwiRoot({
            context,
            root,
            tag,
            imageId,
            workDir,
            boot: bootFileNames(job),
            buildEnvSize: job.build_env_size,
            onNote: (note) => progress.write(`${note}\n`),
            signal,
          }),
        );
        return { link, arch: hostPlatform() };
      }
      try {
        await progress.phase('building_image', async () => {
          if (context.node) {
            progress.write(`on remote build node ${context.node.xname}\n`);
            const copied = await context.node.supply(imagesToSupply(recipe, context), signal);
            for (const image of copied) progress.write(`copied ${image} to ${context.node.xname}\n`);
          }
          await buildRecipeImage({
            engine: context.engine,
            log: context.log,
            recipe,
            recipeDir,
            tag,
            baseImages: context.baseImages,
            signal,
            onOutput: (chunk) => {
              progress.write(chunk);
              // Whole lines only: a chunk can end inside an id.
              const lines = (partial + chunk).split('\n');
              partial = lines.pop() ?? '';
              for (const line of lines) lastStep = builtStepId(line) ?? lastStep;
            },
          });
        });
        const link = await progress.phase('packaging_artifacts', () =>
          packageImageArtifacts({
            engine: context.engine,
            store,
            image: tag,
            imageId,
            workDir: path.join(workDir, 'package'),
            compression: context.squashfs,
            boot: bootFileNames(job),
            buildEnvSize: job.build_env_size,
            onNote: (note) => progress.write(`${note}\n`),
            signal,
          }),
        );
        return { link, arch: hostPlatform() };
      } catch (error) {
        const rootImage = (await context.engine.inspectImage(tag)) ? tag : lastStep;
        if (job.enable_debug && rootImage && !signal.aborted)
          await holdDebugShell({ job, context, progress, slot, signal, workDir, rootImage });
        throw error;
      }
    });
  } finally {
    await context.engine.removeImage(tag);
  }
}
