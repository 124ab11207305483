import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Platform } from '../../hierarchy/platform.js';
import { removeArtifactFolder } from '../artifact-folder.js';
import type { ImsLink } from '../ims-link.js';
import type { JobContext } from './job-context.js';
import { JobProgress } from '../../service/jobs/job-progress.js';
import type { JobRecord } from './job-repository.js';
import type { JobPhase } from './job-statuses.js';

/** What a job's work made: the new image's manifest (under `images/<imageId>/`) and its architecture. */
export interface ProducedImage {
  link: ImsLink;
  arch: Platform;
}

/**
 * The frame every image-making job shares: a work folder, a new image id, the work (which puts the artifacts
 * under `images/<imageId>/`), then the image record and `success`. A failure leaves the job in `error` with
 * the reason, and no artifacts and no image record behind; the work folder goes on every path.
 */
export async function runImageJob(
  job: JobRecord,
  context: JobContext,
  work: (step: {
    progress: JobProgress<JobPhase>;
    imageId: string;
    workDir: string;
  }) => Promise<ProducedImage>,
): Promise<void> {
  const { jobs, store } = context;
  const progress = new JobProgress<JobPhase>(jobs, job.id);
  const imageId = randomUUID();
  let workDir: string | undefined;
  try {
    workDir = await mkdtemp(path.join(os.tmpdir(), `stackhook-ims-${job.job_type}-`));
    const { link, arch } = await work({ progress, imageId, workDir });
    const image = await context.images.create({ id: imageId, name: job.image_root_archive_name, arch, link });
    progress.write(`image ${image.id}: ${link.path}\n`);
    await progress.flush();
    await jobs.update(job.id, { status: 'success', resultant_image_id: image.id });
  } catch (error) {
    const reason = await progress.fail(error);
    await removeArtifactFolder(store, `images/${imageId}/`).catch(() => undefined);
    await jobs.update(job.id, { status: 'error', error: reason });
  } finally {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  }
}
