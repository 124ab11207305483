import { JobSlots } from '../../src/service/jobs/job-slots.js';
import { INSTANCE_LABEL, serviceInstanceId } from '../../src/service/jobs/service-instance-id.js';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import type { FastifyInstance } from 'fastify';
import { FilesystemArtifactStore } from '../../src/artifacts/filesystem-artifact-store.js';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import { openServiceDatabase, type ServiceDatabase } from '../../src/server/open-service-database.js';
import { ARTIFACT_TYPES, type ImageManifest } from '../../src/ims/image-manifest.js';
import type { JobRecord } from '../../src/ims/jobs/job-repository.js';
import { PodmanJobRunner } from '../../src/ims/jobs/podman-job-runner.js';
import { SilentLog } from '../../src/log/silent-log.js';
import { podmanJson } from '../support/podman-run.js';
import { testBaseImage, testEngine } from '../support/test-engine.js';

// IMS customize jobs end to end over HTTP: an image made by a create job, a customize job whose sshd takes the
// job's public key, a real OpenSSH client session that changes a file, and the new image that holds it.
let dir: string;
let database: ServiceDatabase;
let store: FilesystemArtifactStore;
let writer: string;
const apps: FastifyInstance[] = [];
const runners: PodmanJobRunner[] = [];
const as = () => ({ authorization: `Bearer ${writer}` });

/**
 * A service over the shared database and store whose runner waits `waitMs` for users, `timeoutMs` per job,
 * under the job limit `slots`.
 */
async function service(waitMs: number, timeoutMs = 600_000, slots?: JobSlots) {
  let runner: PodmanJobRunner | undefined;
  const app = await buildServiceApp({
    db: database.db,
    artifacts: store,
    jobRunner: (context) =>
      (runner = new PodmanJobRunner(
        {
          ...context,
          engine: testEngine(),
          store,
          log: new SilentLog(),
          ssh: { bindAddress: '127.0.0.1', host: '127.0.0.1', waitMs },
          slots,
        },
        timeoutMs,
      )),
  });
  apps.push(app);
  runners.push(runner!);
  return { app, runner: runner! };
}

/** The containers this test's services' jobs run (not other services' on this machine). */
async function jobContainers(): Promise<string[]> {
  return testEngine().containersWithLabel(`${INSTANCE_LABEL}=${await serviceInstanceId(database.db)}`);
}

async function waitFor(app: FastifyInstance, id: string, statuses: string[]): Promise<JobRecord> {
  for (let tries = 0; tries < 1200; tries += 1) {
    const job = (await app.inject(`/ims/v3/jobs/${id}`)).json() as JobRecord;
    if (statuses.includes(job.status)) return job;
    await sleep(250);
  }
  throw new Error(`job ${id} never reached ${statuses.join('|')}`);
}

async function post(app: FastifyInstance, url: string, payload: object) {
  return app.inject({ method: 'POST', url, headers: as(), payload });
}

async function readStored(key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.get(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function rootfsFile(imageId: string): Promise<string> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'stackhook-squash-')), 'rootfs.squashfs');
  await writeFile(file, await readStored(`images/${imageId}/rootfs`));
  return file;
}

/** A containerfile recipe with its archive uploaded, as a user makes one; its id. */
async function containerfileRecipe(
  app: FastifyInstance,
  name: string,
  containerfile: string,
): Promise<string> {
  const recipeDir = path.join(dir, `${name}-recipe`);
  await mkdir(recipeDir, { recursive: true });
  await writeFile(path.join(recipeDir, 'Containerfile'), containerfile);
  const archive = path.join(dir, `${name}.tar.gz`);
  await execa('tar', ['--create', '--gzip', '--file', archive, '--directory', recipeDir, 'Containerfile']);
  const recipe = (
    await post(app, '/ims/v3/recipes', { name, recipe_type: 'containerfile', linux_distribution: 'debian' })
  ).json() as { id: string };
  await app.inject({
    method: 'PUT',
    url: `/ims/v3/recipes/${recipe.id}/archive`,
    headers: { ...as(), 'content-type': 'application/gzip' },
    payload: await readFile(archive),
  });
  return recipe.id;
}

/** A user's key pair, as `ssh-keygen` makes it. */
async function keyPair(name: string): Promise<{ privateKey: string; publicKey: string }> {
  const privateKey = path.join(dir, name);
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', privateKey]);
  return { privateKey, publicKey: (await readFile(`${privateKey}.pub`, 'utf8')).trim() };
}

let baseImageId: string;
let userKey: { privateKey: string; publicKey: string };
let userKeyId: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-customize-'));
  database = await openServiceDatabase(path.join(dir, 'c.sqlite'));
  store = new FilesystemArtifactStore(path.join(dir, 'artifacts'));
  writer = await createApiKey(database.db, 'wendy', 'writer');
  const { app } = await service(120_000);
  // The image to customize, made the way users make one: a containerfile recipe through a create job.
  const recipeId = await containerfileRecipe(
    app,
    'customize-base',
    `FROM ${testBaseImage()}\nRUN echo base > /etc/ims-base-marker\n`,
  );
  const created = (
    await post(app, '/ims/v3/jobs', {
      job_type: 'create',
      artifact_id: recipeId,
      image_root_archive_name: 'customize-base',
    })
  ).json() as JobRecord;
  const done = await waitFor(app, created.id, ['success', 'error']);
  expect(done.status).toBe('success');
  baseImageId = done.resultant_image_id!;
  userKey = await keyPair('user');
  userKeyId = (
    (await post(app, '/ims/v3/public-keys', { name: 'user', public_key: userKey.publicKey })).json() as {
      id: string;
    }
  ).id;
}, 600_000);

afterAll(async () => {
  for (const runner of runners) await runner.close();
  for (const app of apps) await app.close();
  await database?.db.destroy();
});

const ssh = (key: string, known: string, port: number, command: string) =>
  execa(
    'ssh',
    [
      '-i',
      key,
      '-p',
      String(port),
      '-o',
      'BatchMode=yes',
      '-o',
      'StrictHostKeyChecking=yes',
      '-o',
      `UserKnownHostsFile=${known}`,
      '-o',
      'ConnectTimeout=10',
      'root@127.0.0.1',
      command,
    ],
    { reject: false, timeout: 60_000 },
  );

describe('an IMS customize job', () => {
  it('lets the job key in over ssh, and packages what the user changed into a new image', async () => {
    const { app } = await service(300_000);
    const started = await post(app, '/ims/v3/jobs', {
      job_type: 'customize',
      artifact_id: baseImageId,
      public_key_id: userKeyId,
      image_root_archive_name: 'customized',
    });
    expect(started.statusCode).toBe(201);
    const job = await waitFor(app, (started.json() as JobRecord).id, ['waiting_on_user', 'error']);
    expect(job).toMatchObject({ status: 'waiting_on_user', job_type: 'customize', public_key_id: userKeyId });
    // The sshd container carries the service's instance id: only this service's start-up removes it.
    const [sshd] = await jobContainers();
    expect(await testEngine().containersWithLabel(`io.stackhook.ims.job=${job.id}`)).toEqual([sshd]);
    const [access] = job.ssh_containers;
    expect(access).toMatchObject({ status: 'ready', jail: false });
    const { host, port, user } = (
      access!.connection_info as { customer_access: { host: string; port: number; user: string } }
    ).customer_access;
    expect([host, user]).toEqual(['127.0.0.1', 'root']);
    // The host key the job shows is the one sshd presents: StrictHostKeyChecking against it passes.
    const known = path.join(dir, 'known_hosts');
    await writeFile(known, `[127.0.0.1]:${port} ${access!.host_key}\n`);

    const stranger = await keyPair('stranger');
    const refused = await ssh(stranger.privateKey, known, port, 'true');
    expect(refused.exitCode).toBe(255);
    expect(refused.stderr).toMatch(/Permission denied/);

    // What a user may do (change the image), and what must not reach the service's machine: the root swapped
    // for a link to the host's /, a "kernel" that links to a file of the host.
    const session = await ssh(
      userKey.privateKey,
      known,
      port,
      [
        'cat /mnt/image/image-root/etc/ims-base-marker',
        'echo changed-over-ssh > /mnt/image/image-root/etc/customized',
        'mkdir -p /mnt/image/image-root/boot',
        'ln -s /etc/shadow /mnt/image/image-root/boot/vmlinuz-9.9-host-file',
        'echo an-initrd > /mnt/image/image-root/boot/initrd.img-9.9',
        'mv /mnt/image/image-root /mnt/image/swapped 2>/dev/null && echo swapped || echo kept',
        'touch /mnt/image/complete',
      ].join('; '),
    );
    expect(session.stderr).not.toMatch(/Permission denied/);
    expect(session).toMatchObject({ exitCode: 0, stdout: 'base\nkept' });

    const done = await waitFor(app, job.id, ['success', 'error']);
    expect(done).toMatchObject({ status: 'success', error: null });
    expect(done.ssh_containers[0]!.status).toBe('complete');
    expect(Object.keys(done.phases)).toEqual(['fetching_image', 'waiting_on_user', 'packaging_artifacts']);
    expect(done.resultant_image_id).not.toBe(baseImageId);
    const image = (await app.inject(`/ims/v3/images/${done.resultant_image_id}`)).json() as { name: string };
    expect(image.name).toBe('customized');
    const manifest = (
      await app.inject(`/ims/v3/images/${done.resultant_image_id}/manifest`)
    ).json() as ImageManifest;
    // The initrd (a real file) is taken; the "kernel" (a link) is not.
    expect(manifest.artifacts.map((artifact) => artifact.type).sort()).toEqual(
      [ARTIFACT_TYPES.initrd, ARTIFACT_TYPES.oci, ARTIFACT_TYPES.rootfs].sort(),
    );
    const initrd = await readStored(`images/${done.resultant_image_id}/initrd`);
    expect(initrd.toString()).toBe('an-initrd\n');
    const file = await rootfsFile(done.resultant_image_id!);
    expect((await execa('unsquashfs', ['-cat', file, 'etc/customized'])).stdout).toBe('changed-over-ssh');
    expect((await execa('unsquashfs', ['-cat', file, 'etc/ims-base-marker'])).stdout).toBe('base');
    // The base image is untouched, and the sshd container is gone.
    const base = await rootfsFile(baseImageId);
    expect(
      (await execa('unsquashfs', ['-cat', base, 'etc/customized'], { reject: false })).exitCode,
    ).not.toBe(0);
    expect(await jobContainers()).toEqual([]);
    expect((await app.inject(`/ims/v3/jobs/${job.id}/log`)).body).toContain(`ssh -p ${port} root@127.0.0.1`);
  }, 600_000);

  it('ends in error when the user never signals done, removing its container and leaving no image', async () => {
    const { app } = await service(2_000);
    const imagesBefore = ((await app.inject('/ims/v3/images')).json() as unknown[]).length;
    const started = (
      await post(app, '/ims/v3/jobs', {
        job_type: 'customize',
        artifact_id: baseImageId,
        public_key_id: userKeyId,
        image_root_archive_name: 'abandoned',
      })
    ).json() as JobRecord;
    const job = await waitFor(app, started.id, ['success', 'error']);
    expect(job.status).toBe('error');
    expect(job.error).toMatch(/no signal from the user within 2 s/);
    expect(job.ssh_containers[0]?.status).toBe('failed');
    expect(await jobContainers()).toEqual([]);
    expect(((await app.inject('/ims/v3/images')).json() as unknown[]).length).toBe(imagesBefore);
  }, 600_000);

  it('holds no slot of the job limit while it waits on its user: a create job runs meanwhile', async () => {
    const { app, runner } = await service(300_000, 600_000, new JobSlots(1));
    const session = (
      await post(app, '/ims/v3/jobs', {
        job_type: 'customize',
        artifact_id: baseImageId,
        public_key_id: userKeyId,
        image_root_archive_name: 'waiting',
      })
    ).json() as JobRecord;
    await waitFor(app, session.id, ['waiting_on_user']);
    const recipeId = await containerfileRecipe(app, 'meanwhile', `FROM ${testBaseImage()}\nRUN true\n`);
    const build = (
      await post(app, '/ims/v3/jobs', {
        job_type: 'create',
        artifact_id: recipeId,
        image_root_archive_name: 'meanwhile',
      })
    ).json() as JobRecord & { queue_position: number | null };
    expect(build.queue_position).toBeNull();
    expect((await waitFor(app, build.id, ['success', 'error'])).status).toBe('success');
    expect((await waitFor(app, session.id, ['waiting_on_user', 'error'])).status).toBe('waiting_on_user');
    await runner.close();
    expect(await waitFor(app, session.id, ['success', 'error'])).toMatchObject({ status: 'error' });
    expect(await jobContainers()).toEqual([]);
  }, 600_000);

  it('stops a create job that runs over its time limit', async () => {
    const { app } = await service(120_000, 3_000);
    const recipeId = await containerfileRecipe(app, 'slow', `FROM ${testBaseImage()}\nRUN sleep 120\n`);
    // buildah's working containers (podman ps --external) of this build: FROM the test base image, new since now.
    // (Other tests' builds on a shared machine have their own.)
    type External = { Id: string; ImageID: string };
    const external = () => podmanJson<External[]>(['ps', '--all', '--external', '--format', 'json']);
    // By image ID: the container names the image by whichever of its tags podman picks.
    const [base] = await podmanJson<{ Id: string }[]>(['image', 'inspect', testBaseImage()]);
    const externalBefore = new Set((await external()).map((container) => container.Id));
    const started = Date.now();
    const job = (
      await post(app, '/ims/v3/jobs', {
        job_type: 'create',
        artifact_id: recipeId,
        image_root_archive_name: 'slow',
      })
    ).json() as JobRecord;
    const done = await waitFor(app, job.id, ['success', 'error']);
    expect(done.status).toBe('error');
    expect(done.error).toMatch(/stopped/);
    expect(Date.now() - started).toBeLessThan(60_000);
    // Nothing of the stopped build is left: not its step's process, not its working container.
    const processes = await execa('ps', ['-eo', 'args']);
    expect(processes.stdout.split('\n')).not.toContain('sleep 120');
    const left = (await external()).filter(
      (container) => !externalBefore.has(container.Id) && container.ImageID === base!.Id,
    );
    expect(left).toEqual([]);
  }, 600_000);

  it.each([
    [{ job_type: 'customize', image_root_archive_name: 'x' }, 422, /public_key_id/, 'no public key'],
    [
      {
        job_type: 'customize',
        image_root_archive_name: 'x',
        public_key_id: '00000000-0000-4000-8000-000000000000',
      },
      404,
      /public key/,
      'an unknown key',
    ],
    [
      { job_type: 'customize', image_root_archive_name: '../x' },
      422,
      /image_root_archive_name/,
      'a path as name',
    ],
    [{ job_type: 'customize', image_root_archive_name: 'x', jail: true }, 422, /jail/, 'an unknown field'],
  ] as [object, number, RegExp, string][])('refuses %j with %i (%#: %s)', async (fields, status, detail) => {
    const { app } = await service(1_000);
    const response = await post(app, '/ims/v3/jobs', { artifact_id: baseImageId, ...fields });
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.stringify(response.json())).toMatch(detail);
  });

  it('refuses to customize an image that does not exist', async () => {
    const { app } = await service(1_000);
    const response = await post(app, '/ims/v3/jobs', {
      job_type: 'customize',
      artifact_id: '00000000-0000-4000-8000-000000000000',
      public_key_id: userKeyId,
      image_root_archive_name: 'x',
    });
    expect(response.statusCode).toBe(404);
  });
});
