import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import type { FastifyInstance } from 'fastify';
import { FilesystemArtifactStore } from '../../src/artifacts/filesystem-artifact-store.js';
import { ComponentBuilds } from '../../src/buildapi/component/component-builds.js';
import { ImageAllowList } from '../../src/containerfile/image-allow-list.js';
import { ImageBuilder } from '../../src/buildapi/image-builder.js';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import { openServiceDatabase, type ServiceDatabase } from '../../src/server/open-service-database.js';
import { hostPlatform } from '../../src/hierarchy/platform.js';
import type { JobRecord } from '../../src/ims/jobs/job-repository.js';
import { PodmanJobRunner } from '../../src/ims/jobs/podman-job-runner.js';
import { JobSlots } from '../../src/service/jobs/job-slots.js';
import { SilentLog } from '../../src/log/silent-log.js';
import { RegistryClient } from '../../src/registry/registry-client.js';
import { CATALOG_DATABASES } from '../catalog/catalog-databases.js';
import { gitRepoFrom } from '../support/fixture-repo.js';
import { runCli } from '../support/run-cli.js';
import { testBaseImage, testEngine } from '../support/test-engine.js';

// Jobs under a limit of one at a time, on real podman: IMS create jobs (a containerfile recipe that sleeps
// while it builds) and a component build share the limit; beyond it a job waits with its queue position in
// its record, then runs; a cancelled or stopped job, queued or running, leaves nothing behind.
type Shown = JobRecord & { queue_position: number | null };
const engine = testEngine();

describe.each(CATALOG_DATABASES)('jobs under the job limit ($name)', ({ open }) => {
  let dir: string;
  let database: ServiceDatabase;
  let app: FastifyInstance;
  let runner: PodmanJobRunner;
  let builds: ComponentBuilds;
  let writer: string;
  let admin: string;
  const as = (key = writer) => ({ authorization: `Bearer ${key}` });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-queue-'));
    database = await open();
    const store = new FilesystemArtifactStore(path.join(dir, 'artifacts'));
    writer = await createApiKey(database.db, 'wendy', 'writer');
    admin = await createApiKey(database.db, 'ada', 'admin');
    const slots = new JobSlots(1);
    const log = new SilentLog();
    app = await buildServiceApp({
      db: database.db,
      artifacts: store,
      jobRunner: (context) => (runner = new PodmanJobRunner({ ...context, engine, store, log, slots })),
      componentBuilds: (context) =>
        (builds = new ComponentBuilds({
          ...context,
          engine,
          store,
          log,
          slots,
          schemes: ['file'],
          defaultImage: testBaseImage(),
        })),
    });
  });
  afterAll(async () => {
    await runner?.close();
    await app?.close();
    await database?.db.destroy();
  });

  /** A containerfile recipe whose build sleeps `seconds`, with its archive; its id. */
  async function sleepyRecipe(seconds: number): Promise<string> {
    const recipeDir = await mkdtemp(path.join(dir, 'recipe-'));
    await writeFile(
      path.join(recipeDir, 'Containerfile'),
      `FROM ${testBaseImage()}\nRUN sleep ${seconds} && echo ${Math.random()} > /etc/nonce\n`,
    );
    const archive = `${recipeDir}.tar.gz`;
    await execa('tar', ['--create', '--gzip', '--file', archive, '--directory', recipeDir, 'Containerfile']);
    const recipe = (
      await app.inject({
        method: 'POST',
        url: '/ims/v3/recipes',
        headers: as(),
        payload: { name: `sleep-${seconds}`, recipe_type: 'containerfile', linux_distribution: 'debian' },
      })
    ).json() as { id: string };
    await app.inject({
      method: 'PUT',
      url: `/ims/v3/recipes/${recipe.id}/archive`,
      headers: { ...as(), 'content-type': 'application/gzip' },
      payload: await readFile(archive),
    });
    return recipe.id;
  }

  async function startJob(recipeId: string): Promise<Shown> {
    const started = await app.inject({
      method: 'POST',
      url: '/ims/v3/jobs',
      headers: as(),
      payload: { job_type: 'create', artifact_id: recipeId, image_root_archive_name: 'queued' },
    });
    expect(started.statusCode).toBe(201);
    return started.json() as Shown;
  }

  const job = async (id: string) => (await app.inject(`/ims/v3/jobs/${id}`)).json() as Shown;
  const ended = (record: Shown) => record.status === 'success' || record.status === 'error';
  /** What a stopped job may leave behind: the image its build tagged, its build step's process. */
  const leftovers = async (id: string) => [
    ...((await engine.inspectImage(`localhost/stackhook/ims-job:${id}`)) ? [`image of ${id}`] : []),
    ...(await execa('ps', ['-eo', 'args'])).stdout.split('\n').filter((line) => line === 'sleep 600'),
  ];
  /** Resolves once the running job's build step (`sleep 600`) runs. */
  const untilBuildSleeps = async () => {
    while (!(await execa('ps', ['-eo', 'args'])).stdout.split('\n').includes('sleep 600')) await sleep(200);
  };
  const imageCount = async () => ((await app.inject('/ims/v3/images')).json() as unknown[]).length;

  it('queues a second job with position 1 while the first runs, and runs it after the first', async () => {
    const [first, second] = [await startJob(await sleepyRecipe(6)), await startJob(await sleepyRecipe(1))];
    expect(first.queue_position).toBeNull();
    expect(second).toMatchObject({ status: 'creating', queue_position: 1 });
    // A component build asked for meanwhile waits too, behind the second job: one limit for both.
    const source = path.join(dir, 'component');
    await mkdir(source, { recursive: true });
    await writeFile(
      path.join(source, 'stackhook-build.yaml'),
      "command: ['sh', '-c', 'echo built > /out/built']\n",
    );
    const repo = await gitRepoFrom(source, 'queued-component');
    await execa('git', ['tag', 'v1.0'], { cwd: repo });
    const component = await app.inject({
      method: 'POST',
      url: '/build/component',
      headers: as(),
      payload: { git_url: `file://${repo}`, component: 'queued', tag: 'v1.0', architecture: hostPlatform() },
    });
    expect(component.statusCode).toBe(202);
    expect(component.json()).toMatchObject({ status: 'queued', queue_position: 2 });
    const componentId = (component.json() as { id: string }).id;
    // While the first runs, the second never leaves the queue.
    for (let record = await job(first.id); !ended(record); record = await job(first.id)) {
      expect(record.queue_position).toBeNull();
      expect(await job(second.id)).toMatchObject({ status: 'creating', queue_position: 1, phases: {} });
      await sleep(200);
    }
    await runner.idle();
    await builds.idle();
    expect(await job(first.id)).toMatchObject({ status: 'success', queue_position: null });
    expect(await job(second.id)).toMatchObject({ status: 'success', queue_position: null });
    const built = (await app.inject(`/build/jobs/${componentId}`)).json() as object;
    expect(built).toMatchObject({ status: 'success', queue_position: null });
  }, 600_000);

  it('deletes a queued job without running it, and stops a running one, leaving nothing', async () => {
    const images = await imageCount();
    const running = await startJob(await sleepyRecipe(600));
    const queued = await startJob(await sleepyRecipe(1));
    expect(queued.queue_position).toBe(1);
    await untilBuildSleeps();
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/ims/v3/jobs/${queued.id}`,
      headers: as(admin),
    });
    expect(deleted.statusCode).toBe(204);
    expect((await app.inject(`/ims/v3/jobs/${queued.id}`)).statusCode).toBe(404);
    expect((await job(running.id)).status).toBe('building_image');
    const stopped = await app.inject({
      method: 'DELETE',
      url: `/ims/v3/jobs/${running.id}`,
      headers: as(admin),
    });
    expect(stopped.statusCode).toBe(204);
    expect((await app.inject(`/ims/v3/jobs/${running.id}`)).statusCode).toBe(404);
    expect(await imageCount()).toBe(images);
    // The build step's process is killed through the runtime: on a loaded machine it can take a moment to go.
    let left: string[] = [];
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(250)) {
      left = [...(await leftovers(running.id)), ...(await leftovers(queued.id))];
      if (left.length === 0) break;
    }
    expect(left).toEqual([]);
  }, 600_000);

  it('stops running and queued jobs when the service closes, each ending in error', async () => {
    const images = await imageCount();
    const running = await startJob(await sleepyRecipe(600));
    const queued = await startJob(await sleepyRecipe(1));
    await untilBuildSleeps();
    const closing = Date.now();
    await runner.close();
    expect(Date.now() - closing).toBeLessThan(60_000);
    expect(await job(running.id)).toMatchObject({ status: 'error', queue_position: null });
    expect(await job(queued.id)).toMatchObject({
      status: 'error',
      error: 'stopped before it started',
      queue_position: null,
      phases: {},
    });
    expect(await imageCount()).toBe(images);
    expect([...(await leftovers(running.id)), ...(await leftovers(queued.id))]).toEqual([]);
  }, 600_000);
});

describe('an image build of the build API', () => {
  it('waits for a slot of the same job limit, then builds', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-queue-image-'));
    const database = await openServiceDatabase(path.join(dir, 'c.sqlite'));
    const writer = await createApiKey(database.db, 'wendy', 'writer');
    const registry = process.env.STACKHOOK_TEST_REGISTRY!;
    const slots = new JobSlots(1);
    let builds = 0;
    const counted = Object.assign(Object.create(engine) as typeof engine, {
      build: (request: Parameters<typeof engine.build>[0]) => {
        builds++;
        return engine.build(request);
      },
    });
    const app = await buildServiceApp({
      db: database.db,
      imageBuilder: (catalog) =>
        new ImageBuilder({
          ...catalog,
          engine: counted,
          log: new SilentLog(),
          target: { host: registry, owner: `queued-${Date.now()}`, tlsVerify: false },
          registry: new RegistryClient(registry),
          baseImages: new ImageAllowList([testBaseImage()]),
          slots,
        }),
    });
    try {
      // The only slot, held as a running IMS job or component build would hold it.
      const release = await slots.take('a running job');
      let answered = false;
      const posted = app
        .inject({
          method: 'POST',
          url: '/build/image',
          headers: { authorization: `Bearer ${writer}` },
          payload: {
            component: 'queued',
            branch: 'main',
            architecture: hostPlatform(),
            dockerfile: `FROM ${testBaseImage()}\nRUN echo ${Date.now()} > /etc/queued\n`,
          },
        })
        .finally(() => (answered = true));
      await sleep(1500);
      expect([answered, builds]).toEqual([false, 0]);
      release();
      const built = await posted;
      expect(built.statusCode).toBe(201);
      expect(builds).toBe(1);
    } finally {
      await app.close();
      await database.db.destroy();
    }
  }, 600_000);
});

describe('stackhook serve --max-jobs', () => {
  it.each(['0', '-1', 'two', '1.5'])('refuses %s, naming the option (exit 2)', async (value) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-max-jobs-'));
    const result = await runCli(
      ['serve', '--max-jobs', value, '--database', path.join(dir, 'c.sqlite')],
      dir,
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/--max-jobs.*not a job limit|--max-jobs.* argument missing/);
  });
});
