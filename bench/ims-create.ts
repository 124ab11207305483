// npm run bench -- ims-create [--rounds N] [--store s3] [--squashfs gzip:9,gzip:1]: IMS create jobs from a debootstrap recipe (a script that
// writes a file), through the HTTP API in this process, timed by phase as the job records them. The debootstrap
// root is made once before the rounds (it is cached, as a service's would be after its first job).
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { execa } from 'execa';
import type { ArtifactStore } from '../src/artifacts/artifact-store.js';
import { FilesystemArtifactStore } from '../src/artifacts/filesystem-artifact-store.js';
import { S3ArtifactStore } from '../src/artifacts/s3-artifact-store.js';
import { debootstrapImage, debootstrapReference } from '../src/base-image/debootstrap.js';
import { createApiKey } from '../src/service/auth/api-keys.js';
import { buildServiceApp } from '../src/server/build-service-app.js';
import { openServiceDatabase } from '../src/server/open-service-database.js';
import { prepareEnvironment } from '../src/environment/prepare-environment.js';
import type { JobRecord } from '../src/ims/jobs/job-repository.js';
import { PodmanJobRunner } from '../src/ims/jobs/podman-job-runner.js';
import { parseSquashfsCompression, type SquashfsCompression } from '../src/ims/jobs/squashfs-compression.js';
import { SilentLog } from '../src/log/silent-log.js';
import { StreamLog } from '../src/log/stream-log.js';
import { startS3rver } from '../test/support/start-s3rver.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    store: { type: 'string', default: 'files' },
    // A comma-separated list: each compression's rounds run in this one process, to compare as ratios.
    squashfs: { type: 'string', default: 'gzip:1' },
  },
});
const compressions = values.squashfs.split(',').map((text) => parseSquashfsCompression(text, '--squashfs'));
const rounds = Number(values.rounds);
const log = new StreamLog({ timestamps: false });
const { engine } = await prepareEnvironment({ log, provision: true });
const spec = { suite: 'bookworm', variant: 'minbase' };
if (!(await engine.inspectImage(debootstrapReference(spec)))) await debootstrapImage(engine, spec, log);

const s3 = values.store === 's3' ? await startS3rver() : undefined;
const store: ArtifactStore = s3
  ? new S3ArtifactStore({ bucket: s3.bucket, client: s3.client })
  : new FilesystemArtifactStore(await mkdtemp(path.join(os.tmpdir(), 'stackhook-bench-ims-')));
const { db } = await openServiceDatabase(
  path.join(await mkdtemp(path.join(os.tmpdir(), 'stackhook-bench-db-')), 'c.sqlite'),
);
const key = await createApiKey(db, 'bench', 'writer');
const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-bench-recipe-'));
await mkdir(path.join(dir, 'scripts'));
await writeFile(path.join(dir, 'scripts', '10-marker.sh'), 'date > /etc/ims-built\n');
await execa('tar', [
  '--create',
  '--gzip',
  '--file',
  path.join(dir, 'recipe.tar.gz'),
  '--directory',
  dir,
  'scripts',
]);
const archive = await readFile(path.join(dir, 'recipe.tar.gz'));

async function runRounds(squashfs: SquashfsCompression) {
  let runner: PodmanJobRunner | undefined;
  const app = await buildServiceApp({
    db,
    artifacts: store,
    jobRunner: (context) =>
      (runner = new PodmanJobRunner({ ...context, engine, store, log: new SilentLog(), squashfs })),
  });
  const headers = { authorization: `Bearer ${key}` };
  const jobs: (JobRecord & { wallMs: number })[] = [];
  for (let round = 0; round < rounds; round++) {
    const recipe = (
      await app.inject({
        method: 'POST',
        url: '/ims/v3/recipes',
        headers,
        payload: {
          name: `bench-${round}`,
          recipe_type: 'debootstrap',
          linux_distribution: 'debian',
          template_dictionary: [{ key: 'suite', value: 'bookworm' }],
        },
      })
    ).json() as { id: string };
    await app.inject({
      method: 'PUT',
      url: `/ims/v3/recipes/${recipe.id}/archive`,
      headers: { ...headers, 'content-type': 'application/gzip' },
      payload: archive,
    });
    const started = performance.now();
    const job = (
      await app.inject({
        method: 'POST',
        url: '/ims/v3/jobs',
        headers,
        payload: { job_type: 'create', artifact_id: recipe.id, image_root_archive_name: `bench-${round}` },
      })
    ).json() as JobRecord;
    await runner!.idle();
    const done = (await app.inject(`/ims/v3/jobs/${job.id}`)).json() as JobRecord;
    if (done.status !== 'success') throw new Error(`job ${job.id}: ${done.status} ${done.error}`);
    jobs.push({ ...done, wallMs: performance.now() - started });
  }

  await runner?.close();
  await app.close();
  return jobs;
}

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]!;
const seconds = (ms: number) => (ms / 1000).toFixed(2).padStart(8);
console.log(
  `bench/ims-create: ${rounds} create jobs per compression, debootstrap bookworm minbase + a script, store ${store.location.startsWith('s3://') ? 'S3 (s3rver)' : 'filesystem'}, ${os.availableParallelism()} cores`,
);
const packaging: number[] = [];
for (const squashfs of compressions) {
  const jobs = await runRounds(squashfs);
  const label = `${squashfs.compressor}${squashfs.level === undefined ? '' : `:${squashfs.level}`}`;
  console.log(`squashfs ${label}`);
  console.log(
    `${'phase'.padEnd(22)} ${'median s'.padStart(8)} ${'min s'.padStart(8)} ${'max s'.padStart(8)}`,
  );
  for (const phase of ['fetching_recipe', 'building_image', 'packaging_artifacts'] as const) {
    const values = jobs.map((job) => job.phases[phase] ?? 0);
    console.log(
      `${phase.padEnd(22)} ${seconds(median(values))} ${seconds(Math.min(...values))} ${seconds(Math.max(...values))}`,
    );
  }
  const walls = jobs.map((job) => job.wallMs);
  console.log(
    `${'whole job (wall)'.padEnd(22)} ${seconds(median(walls))} ${seconds(Math.min(...walls))} ${seconds(Math.max(...walls))}`,
  );
  const sizes = await Promise.all(
    jobs.map(async (job) => (await store.head(`images/${job.resultant_image_id}/rootfs`))?.size ?? 0),
  );
  console.log(`${'rootfs size MB'.padEnd(22)} ${(median(sizes) / 1e6).toFixed(1).padStart(8)}`);
  packaging.push(median(jobs.map((job) => job.phases.packaging_artifacts ?? 0)));
}
if (packaging.length > 1)
  console.log(
    `packaging median, ${values.squashfs} relative to the first: ${packaging.map((ms) => (ms / packaging[0]!).toFixed(2)).join(' ')}`,
  );
await db.destroy();
await s3?.[Symbol.asyncDispose]();
