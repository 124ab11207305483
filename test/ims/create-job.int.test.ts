import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { FastifyInstance } from 'fastify';
import { S3ArtifactStore } from '../../src/artifacts/s3-artifact-store.js';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { openServiceDatabase, type ServiceDatabase } from '../../src/server/open-service-database.js';
import { ARTIFACT_TYPES, type ImageManifest } from '../../src/ims/image-manifest.js';
import type { JobRecord } from '../../src/ims/jobs/job-repository.js';
import type { PodmanJobRunner } from '../../src/ims/jobs/podman-job-runner.js';
import { hostEscape } from '../support/host-escape.js';
import { imsJobApp } from '../support/ims-job-app.js';
import { startS3rver } from '../support/start-s3rver.js';
import { testBaseImage, testEngine } from '../support/test-engine.js';

// An IMS create job end to end over HTTP: a debootstrap recipe's archive (with a script) uploaded, a job that
// builds it with podman, packages it (mksquashfs) into S3 (s3rver) and records the image.
let s3: Awaited<ReturnType<typeof startS3rver>>;
let database: ServiceDatabase;
let store: S3ArtifactStore;
let app: FastifyInstance;
let runner: PodmanJobRunner | undefined;
let writer: string;
const as = () => ({ authorization: `Bearer ${writer}` });
const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');

/** A recipe archive as a user makes one: scripts/ run in order in the new root. */
async function recipeArchive(script: string): Promise<Buffer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-recipe-'));
  await mkdir(path.join(dir, 'scripts'));
  await writeFile(path.join(dir, 'scripts', '10-marker.sh'), script);
  const archive = path.join(dir, '..', `${path.basename(dir)}.tar.gz`);
  await execa('tar', ['--create', '--gzip', '--file', archive, '--directory', dir, 'scripts']);
  return readFile(archive);
}

beforeAll(async () => {
  s3 = await startS3rver();
  database = await openServiceDatabase(
    path.join(await mkdtemp(path.join(os.tmpdir(), 'stackhook-jobs-')), 'c.sqlite'),
  );
  store = new S3ArtifactStore({ bucket: s3.bucket, prefix: `jobs-${Date.now()}`, client: s3.client });
  writer = await createApiKey(database.db, 'wendy', 'writer');
  ({ app, runner } = await imsJobApp(database.db, store));
});
afterAll(async () => {
  await runner?.close();
  await app?.close();
  await database?.db.destroy();
  await s3?.[Symbol.asyncDispose]();
});

const DEBOOTSTRAP = {
  name: 'bookworm-marked',
  recipe_type: 'debootstrap',
  linux_distribution: 'debian',
  template_dictionary: [
    { key: 'suite', value: 'bookworm' },
    { key: 'variant', value: 'minbase' },
  ],
};

async function startJob(script: string, archive?: Buffer, record: object = DEBOOTSTRAP): Promise<JobRecord> {
  const recipe = (
    await app.inject({ method: 'POST', url: '/ims/v3/recipes', headers: as(), payload: record })
  ).json() as { id: string };
  await app.inject({
    method: 'PUT',
    url: `/ims/v3/recipes/${recipe.id}/archive`,
    headers: { ...as(), 'content-type': 'application/gzip' },
    payload: archive ?? (await recipeArchive(script)),
  });
  const started = await app.inject({
    method: 'POST',
    url: '/ims/v3/jobs',
    headers: as(),
    payload: { job_type: 'create', artifact_id: recipe.id, image_root_archive_name: 'marked' },
  });
  expect(started.statusCode).toBe(201);
  await runner!.idle();
  return (await app.inject(`/ims/v3/jobs/${(started.json() as JobRecord).id}`)).json() as JobRecord;
}

/** A containerfile recipe's archive: a Containerfile alone. */
/** A recipe archive with the Containerfile (text or raw bytes) and, if given, links beside it. */
async function containerfileArchive(
  containerfile: string | Buffer,
  links: Record<string, string> = {},
): Promise<Buffer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-containerfile-'));
  await writeFile(path.join(dir, 'Containerfile'), containerfile);
  for (const [name, target] of Object.entries(links)) await symlink(target, path.join(dir, name));
  const archive = path.join(dir, '..', `${path.basename(dir)}.tar.gz`);
  await execa('tar', [
    '--create',
    '--gzip',
    '--file',
    archive,
    '--directory',
    dir,
    'Containerfile',
    ...Object.keys(links),
  ]);
  return readFile(archive);
}

const CONTAINERFILE_RECIPE = { recipe_type: 'containerfile', linux_distribution: 'debian' };

describe('an IMS create job', () => {
  it('builds a debootstrap recipe into a squashfs whose md5 matches the manifest and the store', async () => {
    const job = await startJob('echo "made by an IMS job" > /etc/ims-marker\n');
    expect(job).toMatchObject({ status: 'success', error: null });
    expect(Object.keys(job.phases)).toEqual(['fetching_recipe', 'building_image', 'packaging_artifacts']);
    const manifest = (
      await app.inject(`/ims/v3/images/${job.resultant_image_id}/manifest`)
    ).json() as ImageManifest;
    const rootfs = manifest.artifacts.find((artifact) => artifact.type === ARTIFACT_TYPES.rootfs)!;
    expect(manifest.artifacts.map((artifact) => artifact.type)).toContain(ARTIFACT_TYPES.oci);
    // Downloaded and checked independently: md5 of the bytes, and the file inside the squashfs.
    const key = `images/${job.resultant_image_id}/rootfs`;
    const chunks: Buffer[] = [];
    for await (const chunk of await store.get(key)) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    expect(md5(bytes)).toBe(rootfs.md5);
    expect((await store.head(key))?.md5).toBe(rootfs.md5);
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'stackhook-squash-')), 'rootfs.squashfs');
    await writeFile(file, bytes);
    const marker = await execa('unsquashfs', ['-cat', file, 'etc/ims-marker']);
    expect(marker.stdout).toBe('made by an IMS job');
    const log = (await app.inject(`/ims/v3/jobs/${job.id}/log`)).body;
    expect(log).toContain('== building_image');
    expect(log).toContain(`image ${job.resultant_image_id}`);
  }, 600_000);

  it('builds a containerfile recipe from its archive', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-containerfile-'));
    await writeFile(
      path.join(dir, 'Containerfile'),
      `FROM ${process.env.STACKHOOK_TEST_BASE_IMAGE}\nCOPY motd /etc/motd\nRUN echo containerfile > /etc/ims-recipe-type\n`,
    );
    await writeFile(path.join(dir, 'motd'), 'built by IMS\n');
    const archive = path.join(dir, '..', `${path.basename(dir)}.tar.gz`);
    await execa('tar', [
      '--create',
      '--gzip',
      '--file',
      archive,
      '--directory',
      dir,
      'Containerfile',
      'motd',
    ]);
    const job = await startJob('', await readFile(archive), {
      name: 'from-containerfile',
      recipe_type: 'containerfile',
      linux_distribution: 'debian',
    });
    expect(job).toMatchObject({ status: 'success' });
    const key = `images/${job.resultant_image_id}/rootfs`;
    const chunks: Buffer[] = [];
    for await (const chunk of await store.get(key)) chunks.push(chunk as Buffer);
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'stackhook-squash-')), 'rootfs.squashfs');
    await writeFile(file, Buffer.concat(chunks));
    expect((await execa('unsquashfs', ['-cat', file, 'etc/motd'])).stdout).toBe('built by IMS');
    expect((await execa('unsquashfs', ['-cat', file, 'etc/ims-recipe-type'])).stdout).toBe('containerfile');
  }, 600_000);

  it('ends a containerfile recipe with the CVE-2024-1753 exploit in error, before podman sees it', async () => {
    await using escape = await hostEscape(testBaseImage());
    const imagesBefore = ((await app.inject('/ims/v3/images')).json() as unknown[]).length;
    const job = await startJob('', await containerfileArchive(escape.containerfile), {
      ...CONTAINERFILE_RECIPE,
      name: 'escape',
    });
    const log = (await app.inject(`/ims/v3/jobs/${job.id}/log`)).body;
    // What matters first: nothing of this machine reached the log or the record, and nothing of it changed.
    expect({
      leaked: `${log}${JSON.stringify(job)}`.includes(escape.nonce),
      unchanged: await escape.unchanged(),
    }).toEqual({
      leaked: false,
      unchanged: true,
    });
    expect(job.status).toBe('error');
    expect(job.error).toContain(`Containerfile:${escape.line}: RUN takes no flags here (--mount)`);
    expect(log).toContain('RUN takes no flags here');
    expect(((await app.inject('/ims/v3/images')).json() as unknown[]).length).toBe(imagesBefore);
  }, 600_000);

  it('ends a containerfile recipe in error when a raw 0xA0 byte (a space to buildah) hides RUN --mount', async () => {
    await using escape = await hostEscape(testBaseImage());
    // buildah reads bytes: a lone 0xA0 before --mount is a space to it, and U+FFFD to a lenient UTF-8 decoder.
    const bytes = Buffer.from(escape.containerfile.replace('RUN --mount', 'RUN \u0000--mount'), 'latin1');
    bytes[bytes.indexOf(0)] = 0xa0;
    const job = await startJob('', await containerfileArchive(bytes), {
      ...CONTAINERFILE_RECIPE,
      name: 'nbsp',
    });
    const log = (await app.inject(`/ims/v3/jobs/${job.id}/log`)).body;
    expect({
      leaked: `${log}${JSON.stringify(job)}`.includes(escape.nonce),
      unchanged: await escape.unchanged(),
    }).toEqual({ leaked: false, unchanged: true });
    expect(job.status).toBe('error');
    expect(job.error).toContain('Containerfile: not UTF-8 text');
  }, 600_000);

  it('ends a containerfile recipe in error when its .dockerignore links a file of this machine', async () => {
    await using escape = await hostEscape(testBaseImage());
    // buildah reads the ignore file on the host, following links, and prints a bad pattern whole.
    const secret = path.join(os.tmpdir(), `stackhook-ignore-${Date.now()}`);
    await writeFile(secret, `[${escape.nonce}\n`);
    try {
      const job = await startJob(
        '',
        await containerfileArchive(`FROM ${testBaseImage()}\nCOPY . /c/\n`, { '.dockerignore': secret }),
        { ...CONTAINERFILE_RECIPE, name: 'ignore-link' },
      );
      const log = (await app.inject(`/ims/v3/jobs/${job.id}/log`)).body;
      expect(`${log}${JSON.stringify(job)}`.includes(escape.nonce)).toBe(false);
      expect(job.status).toBe('error');
      expect(job.error).toContain('.dockerignore in the build context is not a regular file');
    } finally {
      await rm(secret, { force: true });
    }
  }, 600_000);

  it('ends a containerfile recipe FROM a local image it may not use in error', async () => {
    const local = `localhost/stackhook-test/private:${Date.now()}`;
    await testEngine().tag(testBaseImage(), [local]);
    try {
      const job = await startJob('', await containerfileArchive(`FROM ${local}\nRUN true\n`), {
        ...CONTAINERFILE_RECIPE,
        name: 'private-base',
      });
      expect(job.status).toBe('error');
      expect(job.error).toContain(`Containerfile:1: FROM ${local} is neither an earlier stage nor an image`);
    } finally {
      await testEngine().removeImage(local);
    }
  }, 600_000);

  it('ends in error with the reason, leaving no artifacts and no image', async () => {
    const imagesBefore = ((await app.inject('/ims/v3/images')).json() as unknown[]).length;
    const job = await startJob('echo failing on purpose >&2; exit 3\n');
    expect(job.status).toBe('error');
    expect(job.error).toMatch(/build/i);
    expect((await app.inject(`/ims/v3/jobs/${job.id}/log`)).body).toContain('failing on purpose');
    expect(((await app.inject('/ims/v3/images')).json() as unknown[]).length).toBe(imagesBefore);
    const leftovers = await testEngine().containersWithLabel('io.stackhook.export');
    expect(leftovers).toEqual([]);
  }, 600_000);
});
