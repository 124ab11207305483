import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import type { FastifyInstance } from 'fastify';
import { FilesystemArtifactStore } from '../../src/artifacts/filesystem-artifact-store.js';
import { ARTIFACT_TYPES, type ImageManifest } from '../../src/ims/image-manifest.js';
import { JobRepository, type JobRecord } from '../../src/ims/jobs/job-repository.js';
import { PodmanJobRunner } from '../../src/ims/jobs/podman-job-runner.js';
import { SilentLog } from '../../src/log/silent-log.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import { openServiceDatabase, type ServiceDatabase } from '../../src/server/open-service-database.js';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { podmanJson } from '../support/podman-run.js';
import { testBaseImage, testEngine } from '../support/test-engine.js';

// Cray's JobRecord over HTTP with real podman: every field a client sets, the record it gets back, the /boot
// files and size limit honoured, PATCH and the filtered DELETE, jailed sessions and a create job's debug shell.
let dir: string;
let database: ServiceDatabase;
let store: FilesystemArtifactStore;
let app: FastifyInstance;
let runner: PodmanJobRunner;
let writer: string;
let admin: string;
let keyId: string;
let privateKey: string;
let baseImageId: string;
const as = (key = writer) => ({ authorization: `Bearer ${key}` });

async function post(url: string, payload: object, key = writer) {
  return app.inject({ method: 'POST', url, headers: as(key), payload });
}

async function waitFor(id: string, statuses: string[], seen?: Set<string>): Promise<JobRecord> {
  for (let tries = 0; tries < 2400; tries += 1) {
    const job = (await app.inject(`/ims/v3/jobs/${id}`)).json() as JobRecord;
    seen?.add(job.status);
    if (statuses.includes(job.status)) return job;
    await sleep(100);
  }
  throw new Error(`job ${id} never reached ${statuses.join('|')}`);
}

/** A containerfile recipe with its archive uploaded; its id. */
async function recipe(name: string, containerfile: string): Promise<string> {
  const recipeDir = path.join(dir, `${name}-recipe`);
  await mkdir(recipeDir, { recursive: true });
  await writeFile(path.join(recipeDir, 'Containerfile'), containerfile);
  const archive = path.join(dir, `${name}.tar.gz`);
  await execa('tar', ['--create', '--gzip', '--file', archive, '--directory', recipeDir, 'Containerfile']);
  const { id } = (
    await post('/ims/v3/recipes', { name, recipe_type: 'containerfile', linux_distribution: 'debian' })
  ).json() as { id: string };
  await app.inject({
    method: 'PUT',
    url: `/ims/v3/recipes/${id}/archive`,
    headers: { ...as(), 'content-type': 'application/gzip' },
    payload: await readFile(archive),
  });
  return id;
}

async function stored(key: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.get(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

/** Names of the podman containers labelled with this job. */
async function containersOf(jobId: string): Promise<string[]> {
  const listed = await podmanJson<{ Names: string[] }[]>([
    'ps',
    '--all',
    '--filter',
    `label=io.stackhook.ims.job=${jobId}`,
    '--format',
    'json',
  ]);
  return listed.flatMap((container) => container.Names);
}

const ssh = (port: number, known: string, command: string) =>
  execa(
    'ssh',
    [
      ...['-i', privateKey, '-p', String(port), '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes'],
      ...['-o', `UserKnownHostsFile=${known}`, '-o', 'ConnectTimeout=10', 'root@127.0.0.1', command],
    ],
    { reject: false, timeout: 60_000 },
  );

/** Connects to a job's ready ssh container and runs `command` there. */
async function session(job: JobRecord, command: string) {
  const [access] = job.ssh_containers;
  const { port } = (access!.connection_info as { customer_access: { port: number } }).customer_access;
  const known = path.join(dir, `known-${job.id}`);
  await writeFile(known, `[127.0.0.1]:${port} ${access!.host_key}\n`);
  return ssh(port, known, command);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-job-fields-'));
  database = await openServiceDatabase(path.join(dir, 'j.sqlite'));
  store = new FilesystemArtifactStore(path.join(dir, 'artifacts'));
  writer = await createApiKey(database.db, 'wendy', 'writer');
  admin = await createApiKey(database.db, 'ada', 'admin');
  app = await buildServiceApp({
    db: database.db,
    artifacts: store,
    jobRunner: (context) =>
      (runner = new PodmanJobRunner(
        {
          ...context,
          engine: testEngine(),
          store,
          log: new SilentLog(),
          ssh: { bindAddress: '127.0.0.1', host: '127.0.0.1', waitMs: 300_000 },
        },
        600_000,
      )),
  });
  privateKey = path.join(dir, 'user');
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'user', '-f', privateKey]);
  const publicKey = (await readFile(`${privateKey}.pub`, 'utf8')).trim();
  keyId = (
    (await post('/ims/v3/public-keys', { name: 'user', public_key: publicKey })).json() as { id: string }
  ).id;
  const base = await recipe('fields-base', `FROM ${testBaseImage()}\nRUN echo base > /etc/ims-base-marker\n`);
  const made = (
    await post('/ims/v3/jobs', { job_type: 'create', artifact_id: base, image_root_archive_name: 'base' })
  ).json() as JobRecord;
  const done = await waitFor(made.id, ['success', 'error']);
  expect(done.status).toBe('success');
  baseImageId = done.resultant_image_id!;
}, 600_000);

afterAll(async () => {
  await runner?.close();
  await app?.close();
  await database?.db.destroy();
});

describe("Cray's JobRecord", () => {
  it('takes every field a client sets, honours the /boot file names and shows only Cray’s statuses', async () => {
    const recipeId = await recipe(
      'boot-files',
      [
        `FROM ${testBaseImage()}`,
        'RUN mkdir -p /boot && echo a-kernel > /boot/my-kernel && echo an-initrd > /boot/my-initrd',
        'RUN echo console=ttyS0 > /boot/params && echo decoy > /boot/vmlinuz-9.9 && echo decoy > /boot/initrd.img-9.9',
        '',
      ].join('\n'),
    );
    const started = await post('/ims/v3/jobs', {
      job_type: 'create',
      artifact_id: recipeId,
      public_key_id: keyId,
      image_root_archive_name: 'boot-files',
      kernel_file_name: 'my-kernel',
      initrd_file_name: 'my-initrd',
      kernel_parameters_file_name: 'params',
      enable_debug: false,
      build_env_size: 4,
      require_dkms: true,
    });
    expect(started.statusCode).toBe(201);
    const job = started.json() as JobRecord;
    const container = `cray-ims-${job.id}-create`;
    expect(job).toMatchObject({
      status: 'creating',
      job_type: 'create',
      public_key_id: keyId,
      kernel_file_name: 'my-kernel',
      initrd_file_name: 'my-initrd',
      kernel_parameters_file_name: 'params',
      enable_debug: false,
      build_env_size: 4,
      require_dkms: true,
      arch: 'x86_64',
      ssh_containers: [],
      resultant_image_id: null,
      kubernetes_job: container,
      kubernetes_service: container,
      kubernetes_configmap: container,
      kubernetes_namespace: 'default',
    });
    const seen = new Set<string>();
    const done = await waitFor(job.id, ['success', 'error'], seen);
    expect(done).toMatchObject({ status: 'success', kernel_file_name: 'my-kernel', build_env_size: 4 });
    for (const status of seen)
      expect(['creating', 'fetching_recipe', 'building_image', 'success']).toContain(status);
    const manifest = (
      await app.inject(`/ims/v3/images/${done.resultant_image_id}/manifest`)
    ).json() as ImageManifest;
    const types = manifest.artifacts.map((artifact) => artifact.type);
    expect(types).toEqual(
      expect.arrayContaining([ARTIFACT_TYPES.kernel, ARTIFACT_TYPES.initrd, ARTIFACT_TYPES.kernelParameters]),
    );
    const image = `images/${done.resultant_image_id}`;
    expect(await stored(`${image}/kernel`)).toBe('a-kernel\n');
    expect(await stored(`${image}/initrd`)).toBe('an-initrd\n');
    expect(await stored(`${image}/kernel-parameters`)).toBe('console=ttyS0\n');
  }, 600_000);

  it("fills in Cray's defaults", async () => {
    const job = (
      await post('/ims/v3/jobs', {
        job_type: 'customize',
        artifact_id: baseImageId,
        public_key_id: keyId,
        image_root_archive_name: 'defaults',
      })
    ).json() as JobRecord;
    try {
      expect(job).toMatchObject({
        kernel_file_name: 'vmlinuz',
        initrd_file_name: 'initrd',
        kernel_parameters_file_name: 'kernel-parameters',
        enable_debug: false,
        build_env_size: 15,
        require_dkms: true,
        arch: 'x86_64',
        ssh_containers: [{ name: 'customize', jail: false, status: 'pending', connection_info: {} }],
      });
    } finally {
      await app.inject({ method: 'DELETE', url: `/ims/v3/jobs/${job.id}`, headers: as(admin) });
    }
  }, 600_000);

  it('ends a job whose image root outgrows build_env_size in error, saying so', async () => {
    const recipeId = await recipe('too-big', `FROM ${testBaseImage()}\nRUN truncate -s 1200M /big\n`);
    const imagesBefore = ((await app.inject('/ims/v3/images')).json() as unknown[]).length;
    const job = (
      await post('/ims/v3/jobs', {
        job_type: 'create',
        artifact_id: recipeId,
        image_root_archive_name: 'too-big',
        build_env_size: 1,
      })
    ).json() as JobRecord;
    const done = await waitFor(job.id, ['success', 'error']);
    expect(done.status).toBe('error');
    expect(done.error).toMatch(
      /the image root takes 1\.\d\d GiB, more than the job's build_env_size of 1 GiB/,
    );
    expect(((await app.inject('/ims/v3/images')).json() as unknown[]).length).toBe(imagesBefore);
  }, 600_000);

  it.each([
    [{ job_type: 'create', ssh_containers: [{ name: 'mine', jail: false }] }, /ssh_containers/],
    [{ job_type: 'create', enable_debug: true }, /enable_debug needs public_key_id/],
    [{ job_type: 'create', status: 'success' }, /status/],
    [{ job_type: 'create', kubernetes_job: 'x' }, /kubernetes_job/],
    [{ job_type: 'create', kernel_file_name: '../etc/shadow' }, /kernel_file_name/],
    [{ job_type: 'create', build_env_size: 0 }, /build_env_size/],
  ] as [object, RegExp][])('refuses %j', async (fields, detail) => {
    const recipeId = ((await app.inject('/ims/v3/recipes')).json() as { id: string }[])[0]!.id;
    const response = await post('/ims/v3/jobs', {
      artifact_id: recipeId,
      image_root_archive_name: 'x',
      ...fields,
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(JSON.stringify(response.json())).toMatch(detail);
  });
});

describe('PATCH and DELETE of jobs', () => {
  /** A finished job's record, made directly: these tests are about records, not builds. */
  async function record(job_type: 'create' | 'customize', status: 'error' | 'success', ageDays = 0) {
    const jobs = new JobRepository(database.db);
    const job = await jobs.create({
      job_type,
      artifact_id: baseImageId,
      image_root_archive_name: 'r',
      public_key_id: null,
      kernel_file_name: 'vmlinuz',
      initrd_file_name: 'initrd',
      kernel_parameters_file_name: 'kernel-parameters',
      enable_debug: false,
      build_env_size: 15,
      require_dkms: false,
      arch: 'x86_64',
      ssh_containers: [],
    });
    await jobs.update(job.id, { status });
    const created = new Date(Date.now() - ageDays * 86_400_000).toISOString();
    await database.db.updateTable('ims_job').set({ created }).where('id', '=', job.id).execute();
    return job.id;
  }
  const exists = async (id: string) => (await app.inject(`/ims/v3/jobs/${id}`)).statusCode === 200;

  it('patches status and resultant_image_id, with an admin key only', async () => {
    const id = await record('create', 'error');
    const patch = (payload: object, key = admin) =>
      app.inject({ method: 'PATCH', url: `/ims/v3/jobs/${id}`, headers: as(key), payload });
    expect((await patch({ status: 'success' }, writer)).statusCode).toBe(403);
    const patched = await patch({ status: 'success', resultant_image_id: baseImageId });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ id, status: 'success', resultant_image_id: baseImageId });
    expect((await patch({ status: 'packaging_artifacts' })).statusCode).toBe(422);
    expect((await patch({ artifact_id: baseImageId })).statusCode).toBe(422);
    expect((await patch({})).statusCode).toBe(400);
    const unknown = await app.inject({
      method: 'PATCH',
      url: '/ims/v3/jobs/00000000-0000-4000-8000-000000000000',
      headers: as(admin),
      payload: { status: 'error' },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it("deletes the jobs Cray's status, job_type and age filters take", async () => {
    const oldError = await record('create', 'error', 3);
    const newError = await record('create', 'error');
    const oldSuccess = await record('customize', 'success', 3);
    const oldCustomizeError = await record('customize', 'error', 3);
    const del = (query: string, key = admin) =>
      app.inject({ method: 'DELETE', url: `/ims/v3/jobs?${query}`, headers: as(key) });
    expect((await del('status=error', writer)).statusCode).toBe(403);
    expect((await del('age=soon')).statusCode).toBe(422);
    expect((await del('status=queued')).statusCode).toBe(422);
    expect((await del('job_type=build')).statusCode).toBe(422);
    expect(await Promise.all([oldError, newError, oldSuccess, oldCustomizeError].map(exists))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect((await del('status=error&job_type=create&age=1d')).statusCode).toBe(204);
    expect(await Promise.all([oldError, newError, oldSuccess, oldCustomizeError].map(exists))).toEqual([
      false,
      true,
      true,
      true,
    ]);
    expect((await del('status=error&status=success&age=2d')).statusCode).toBe(204);
    expect(await Promise.all([newError, oldSuccess, oldCustomizeError].map(exists))).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('stops a running job on DELETE and removes its container, the one kubernetes_job names', async () => {
    const started = (
      await post('/ims/v3/jobs', {
        job_type: 'customize',
        artifact_id: baseImageId,
        public_key_id: keyId,
        image_root_archive_name: 'to-delete',
      })
    ).json() as JobRecord;
    const job = await waitFor(started.id, ['waiting_on_user', 'error']);
    expect(job.status).toBe('waiting_on_user');
    expect(await containersOf(job.id)).toEqual([job.kubernetes_job]);
    const deleted = await app.inject({ method: 'DELETE', url: `/ims/v3/jobs/${job.id}`, headers: as(admin) });
    expect(deleted.statusCode).toBe(204);
    expect(await containersOf(job.id)).toEqual([]);
    expect(await exists(job.id)).toBe(false);
  }, 600_000);
});

describe('ssh sessions', () => {
  it('jails the user in the image root when ssh_containers asks for it (done: /tmp/complete)', async () => {
    const started = await post('/ims/v3/jobs', {
      job_type: 'customize',
      artifact_id: baseImageId,
      public_key_id: keyId,
      image_root_archive_name: 'jailed',
      ssh_containers: [{ name: 'jailed', jail: true }],
    });
    expect(started.statusCode).toBe(201);
    const job = await waitFor((started.json() as JobRecord).id, ['waiting_on_user', 'error']);
    expect(job.ssh_containers[0]).toMatchObject({ name: 'jailed', jail: true, status: 'ready' });
    const result = await session(
      job,
      [
        'cat /etc/ims-base-marker',
        'test -e /mnt/image/image-root && echo outside || echo inside',
        'echo changed-in-jail > /etc/jailed',
        'touch /tmp/complete',
      ].join('; '),
    );
    expect(result).toMatchObject({ exitCode: 0, stdout: 'base\ninside' });
    const done = await waitFor(job.id, ['success', 'error']);
    expect(done.status).toBe('success');
    const file = path.join(dir, 'jailed.squashfs');
    await writeFile(file, await readFileFromStore(`images/${done.resultant_image_id}/rootfs`));
    expect((await execa('unsquashfs', ['-cat', file, 'etc/jailed'])).stdout).toBe('changed-in-jail');
    expect((await execa('unsquashfs', ['-ls', file, 'tmp'])).stdout).not.toContain('complete');
  }, 600_000);

  it('keeps a failed create job’s build reachable over ssh with enable_debug, then ends in error', async () => {
    // A step no earlier run has cached: buildah then prints the step's id short (11 hex digits), the form the
    // debug shell must find on a bare machine.
    const fresh = `got-this-far-${process.pid}-${Date.now()}`;
    const recipeId = await recipe(
      'debug-me',
      `FROM ${testBaseImage()}\nRUN echo ${fresh} > /etc/debug-marker\nRUN echo failing on purpose >&2; exit 3\n`,
    );
    const started = (
      await post('/ims/v3/jobs', {
        job_type: 'create',
        artifact_id: recipeId,
        public_key_id: keyId,
        image_root_archive_name: 'debug-me',
        enable_debug: true,
      })
    ).json() as JobRecord;
    expect(started.ssh_containers).toEqual([
      { name: 'debug', jail: false, status: 'pending', connection_info: {} },
    ]);
    const job = await waitFor(started.id, ['waiting_on_user', 'error', 'success']);
    if (job.status !== 'waiting_on_user') console.log((await app.inject(`/ims/v3/jobs/${job.id}/log`)).body);
    expect(job.status).toBe('waiting_on_user');
    expect(job.ssh_containers[0]).toMatchObject({ name: 'debug', status: 'ready' });
    expect(await containersOf(job.id)).toEqual([job.kubernetes_job]);
    const result = await session(
      job,
      'cat /mnt/image/image-root/etc/debug-marker; touch /mnt/image/complete',
    );
    expect(result).toMatchObject({ exitCode: 0, stdout: fresh });
    const done = await waitFor(job.id, ['success', 'error']);
    expect(done.status).toBe('error');
    expect(done.error).toMatch(/build/i);
    expect(done.ssh_containers[0]!.status).toBe('complete');
    expect(await containersOf(job.id)).toEqual([]);
  }, 600_000);
});

async function readFileFromStore(key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.get(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
