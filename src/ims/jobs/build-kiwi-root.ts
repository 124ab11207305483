import path from 'node:path';
import type { Engine } from '../../engine/engine.js';
import type { Log } from '../../log/log.js';
import { INSTANCE_LABEL } from '../../service/jobs/service-instance-id.js';
import type { JobProgress } from '../../service/jobs/job-progress.js';
import { readKiwiDescription } from '../kiwi/kiwi-description.js';
import type { RecipeRecord } from '../recipe-repository.js';
import { checkKiwiRepositories } from './check-kiwi-repositories.js';
import type { JobStatus } from './job-repository.js';
import { ensureKiwiImage } from './kiwi-image.js';
import { runKiwiPrepare } from './run-kiwi-prepare.js';

/**
 * A kiwi-ng recipe's root, in two of the job's phases: `waiting_for_repos` (the description read, its
 * template applied, every repository reached from a kiwi container) and `building_image` (kiwi-ng system
 * prepare in another one). Returns the root's folder under `workDir`.
 */
export async function buildKiwiRoot(request: {
  engine: Engine;
  log: Log;
  recipe: RecipeRecord;
  recipeDir: string;
  workDir: string;
  jobId: string;
  instanceId: string;
  progress: JobProgress<JobStatus>;
  signal: AbortSignal;
}): Promise<string> {
  const { engine, recipe, progress, signal } = request;
  const onOutput = (chunk: string) => progress.write(chunk);
  const subject = `recipe ${recipe.id}`;
  const labels = { 'io.stackhook.ims.job': request.jobId, [INSTANCE_LABEL]: request.instanceId };
  const { image, description } = await progress.phase('waiting_for_repos', async () => {
    const description = await readKiwiDescription(request.recipeDir, recipe.template_dictionary, subject);
    progress.write(`kiwi description ${description.file}: ${description.repositories.length} repositories\n`);
    const image = await ensureKiwiImage(engine, request.log, { signal, onOutput });
    await checkKiwiRepositories({
      engine,
      image,
      repositories: description.repositories,
      subject,
      labels,
      signal,
      onOutput,
    });
    return { image, description };
  });
  const root = path.join(request.workDir, 'kiwi-root');
  await progress.phase('building_image', () =>
    runKiwiPrepare({
      engine,
      image,
      description,
      recipeDir: request.recipeDir,
      workDir: request.workDir,
      root,
      subject: `kiwi-ng job ${request.jobId}`,
      labels,
      signal,
      onOutput,
    }),
  );
  return root;
}
