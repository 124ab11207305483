import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { execa } from 'execa';
import type { FastifyInstance } from 'fastify';
import { S3ArtifactStore } from '../../src/artifacts/s3-artifact-store.js';
import type { PodmanJobRunner } from '../../src/ims/jobs/podman-job-runner.js';
import type { ServiceDatabase } from '../../src/server/open-service-database.js';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { CATALOG_DATABASES } from '../catalog/catalog-databases.js';
import { kiwiDescription } from '../support/kiwi-description.js';
import { kiwiRecipeArchive } from '../support/kiwi-recipe-archive.js';
import { imsJobApp } from '../support/ims-job-app.js';
import { startS3rver } from '../support/start-s3rver.js';
import { CRAY_V3_OPERATIONS, operationName, type CrayOperation } from './cray-v3-operations.js';
import { CRAY_RECORDS, type CrayRecordName } from './cray-v3-records.js';

// A client written to Cray's IMS v3 spec, over a real port at Cray's gateway path: every v3 operation with
// Cray's field names, its status and its answer checked against the spec's records; artifacts go to S3 as
// `cray artifacts` puts them and are linked with PATCH; a kiwi-ng create job runs for real (its SUSE
// repository is unreachable here, so it ends in error while waiting_for_repos; kiwi-job.int.test.ts builds a
// Debian description to success the same way).
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validators = new Map(
  Object.entries(CRAY_RECORDS).map(([name, schema]) => [name, ajv.compile(schema)] as const),
);
/**
 * An answer, read once its schema check passed: a record's fields, or a list of records (the list methods).
 * Loose on purpose: what each holds is what CRAY_RECORDS checked.
 */
type Answer = { id: string; [field: string]: unknown } & Pick<Answer[], 'map' | 'length'> & Iterable<Answer>;
const SUSE_REPOSITORY = 'https://updates.suse.com/SUSE/Products/SLE-Product-SLES/15-SP5/x86_64/product/';

let s3: Awaited<ReturnType<typeof startS3rver>>;
beforeAll(async () => {
  s3 = await startS3rver('ims');
});
afterAll(async () => {
  await s3?.[Symbol.asyncDispose]();
});

describe.each(CATALOG_DATABASES)("a client written to Cray's IMS v3 spec, on $name", ({ open }) => {
  let database: ServiceDatabase;
  let app: FastifyInstance;
  let runner: PodmanJobRunner | undefined;
  let base: string;
  let writer: string;
  let admin: string;
  let objects: S3Client;
  const exercised = new Set<string>();

  /** One of Cray's operations as its client calls it: the status and the answer's shape checked. */
  async function cray(
    method: CrayOperation['method'],
    template: string,
    options: { params?: Record<string, string>; body?: unknown; query?: string; key?: string } = {},
  ): Promise<Answer> {
    const operation = CRAY_V3_OPERATIONS.find((one) => one.method === method && one.path === template);
    if (!operation) throw new Error(`${method} ${template} is not one of Cray's operations`);
    const url = template.replace(/\{(\w+)\}/g, (_all, name: string) => options.params![name]!);
    const answer = await fetch(`${base}${url}${options.query ? `?${options.query}` : ''}`, {
      method,
      headers: {
        authorization: `Bearer ${options.key ?? writer}`,
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await answer.text();
    const where = `${method} ${url}`;
    expect({ where, status: answer.status, text: answer.status === operation.status ? '' : text }).toEqual({
      where,
      status: operation.status,
      text: '',
    });
    exercised.add(operationName(operation));
    if (operation.status === 204) {
      expect(text).toBe('');
      return {} as Answer;
    }
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    const body = JSON.parse(text) as unknown;
    expectRecord(operation.answer!, body, where);
    return body as Answer;
  }

  function expectRecord(name: CrayRecordName, body: unknown, where: string) {
    const validate = validators.get(name)!;
    validate(body);
    expect({ where, record: name, errors: validate.errors ?? [] }).toEqual({
      where,
      record: name,
      errors: [],
    });
  }

  /** A problem Cray's client gets for a request that fails. */
  async function problem(method: string, url: string, body: unknown, status: number) {
    const answer = await fetch(`${base}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${admin}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect({ url, status: answer.status }).toEqual({ url, status });
    expectRecord('ProblemDetails', await answer.json(), `${method} ${url}`);
  }

  /** What `cray artifacts create ims <key> <file>` does: the object put in the bucket, its etag. */
  async function upload(key: string, bytes: Buffer) {
    const put = await objects.send(new PutObjectCommand({ Bucket: 'ims', Key: key, Body: bytes }));
    return { path: `s3://ims/${key}`, etag: (put.ETag ?? '').replace(/"/g, ''), type: 's3' };
  }

  async function jobEnded(id: string): Promise<Answer> {
    for (let tries = 0; tries < 3000; tries += 1) {
      const job = await cray('GET', '/v3/jobs/{job_id}', { params: { job_id: id } });
      if (job.status === 'error' || job.status === 'success') return job;
      await sleep(200);
    }
    throw new Error(`job ${id} did not end`);
  }

  beforeAll(async () => {
    database = await open();
    const store = new S3ArtifactStore({ bucket: 'ims', client: s3.client });
    objects = new S3Client(s3.client);
    writer = await createApiKey(database.db, 'wendy', 'writer');
    admin = await createApiKey(database.db, 'ada', 'admin');
    ({ app, runner } = await imsJobApp(database.db, store));
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/apis/ims`;
  });
  afterAll(async () => {
    await runner?.close();
    await app?.close();
    await database?.db.destroy();
    objects?.destroy();
  });

  /** What the client made, for the operations after. */
  const state = {} as Record<'key' | 'recipe' | 'image', Answer>;

  it('answers the probes and the version', async () => {
    expect(await cray('GET', '/healthz/ready')).toEqual({});
    expect(await cray('GET', '/healthz/live')).toEqual({});
    expect((await cray('GET', '/version')).version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('keeps public keys', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-cray-key-'));
    await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'admin@ncn-m001', '-f', `${dir}/id`]);
    const public_key = (await readFile(`${dir}/id.pub`, 'utf8')).trim();
    const key = await cray('POST', '/v3/public-keys', { body: { name: 'admin key', public_key } });
    expect(key).toMatchObject({ name: 'admin key', public_key });
    const params = { public_key_id: key.id };
    expect(await cray('GET', '/v3/public-keys/{public_key_id}', { params })).toEqual(key);
    expect(await cray('GET', '/v3/public-keys')).toContainEqual(key);
    state.key = key;
  });

  it('keeps kiwi-ng recipes: registered, uploaded to S3, linked, patched field by field', async () => {
    const recipe = await cray('POST', '/v3/recipes', {
      body: {
        name: 'cray-sles15sp5-barebones',
        recipe_type: 'kiwi-ng',
        linux_distribution: 'sles15',
        template_dictionary: [{ key: 'repository', value: SUSE_REPOSITORY }],
      },
    });
    expect(recipe).toMatchObject({ arch: 'x86_64', require_dkms: false, link: null });
    const params = { recipe_id: recipe.id };
    const link = await upload(
      `recipes/${recipe.id}/recipe.tar.gz`,
      await kiwiRecipeArchive({
        'config.xml': kiwiDescription({
          repository: '{{ repository }}',
          repositoryType: 'rpm-md',
          packages: ['patterns-base-minimal_base'],
        }),
        'config.sh': '#!/bin/bash\necho should not run\n',
      }),
    );
    const linked = await cray('PATCH', '/v3/recipes/{recipe_id}', { params, body: { link } });
    expect(linked.link).toEqual(link);
    const patched = await cray('PATCH', '/v3/recipes/{recipe_id}', { params, body: { require_dkms: true } });
    expect(patched).toMatchObject({ require_dkms: true, link });
    await cray('PATCH', '/v3/recipes/{recipe_id}', {
      params,
      body: { arch: 'x86_64', template_dictionary: [{ key: 'repository', value: SUSE_REPOSITORY }] },
    });
    expect(await cray('GET', '/v3/recipes/{recipe_id}', { params })).toMatchObject({ require_dkms: true });
    expect((await cray('GET', '/v3/recipes')).map((one: { id: string }) => one.id)).toContain(recipe.id);
    // A change of link is Cray's 409; a recipe_type out of the spec's enum its 422.
    await problem('PATCH', `/v3/recipes/${recipe.id}`, { link: { ...link, etag: 'x' } }, 409);
    await problem(
      'POST',
      '/v3/recipes',
      { name: 'r', recipe_type: 'rpm', linux_distribution: 'sles15' },
      422,
    );
    state.recipe = recipe;
  });

  it('keeps images: metadata, arch, and a manifest uploaded to S3 and linked', async () => {
    const image = await cray('POST', '/v3/images', {
      body: { name: 'compute-sles15', arch: 'x86_64', metadata: { key: 'includes', value: 'vim' } },
    });
    expect(image).toMatchObject({ link: null, metadata: { includes: 'vim' } });
    const params = { image_id: image.id };
    const rootfs = randomBytes(4096);
    const manifest = {
      version: '1.0',
      created: new Date().toISOString(),
      artifacts: [
        {
          link: await upload(`${image.id}/rootfs`, rootfs),
          md5: createHash('md5').update(rootfs).digest('hex'),
          type: 'application/vnd.cray.image.rootfs.squashfs',
        },
      ],
    };
    const link = await upload(`${image.id}/manifest.json`, Buffer.from(JSON.stringify(manifest)));
    const set = { operation: 'set', key: 'stage', value: 'prod' };
    const linked = await cray('PATCH', '/v3/images/{image_id}', { params, body: { link, metadata: set } });
    expect(linked).toMatchObject({ link, metadata: { includes: 'vim', stage: 'prod' } });
    const removed = await cray('PATCH', '/v3/images/{image_id}', {
      params,
      body: { arch: 'aarch64', metadata: { operation: 'remove', key: 'includes' } },
    });
    expect(removed).toMatchObject({ arch: 'aarch64', metadata: { stage: 'prod' } });
    expect(await cray('GET', '/v3/images/{image_id}', { params })).toEqual(removed);
    expect(await cray('GET', '/v3/images')).toContainEqual(removed);
    await problem('PATCH', `/v3/images/${image.id}`, { metadata: { operation: 'rename', key: 'a' } }, 422);
    state.image = image;
  });

  it('runs a kiwi-ng create job to its end and reports it as Cray does', async () => {
    const job = await cray('POST', '/v3/jobs', {
      body: {
        job_type: 'create',
        artifact_id: state.recipe.id,
        public_key_id: state.key.id,
        image_root_archive_name: 'cray-sles15sp5-barebones',
        enable_debug: false,
        kernel_file_name: 'vmlinuz',
        initrd_file_name: 'initrd',
        build_env_size: 15,
        require_dkms: true,
      },
    });
    expect(job).toMatchObject({
      job_type: 'create',
      artifact_id: state.recipe.id,
      public_key_id: state.key.id,
      kernel_file_name: 'vmlinuz',
      kernel_parameters_file_name: 'kernel-parameters',
      build_env_size: 15,
      arch: 'x86_64',
      resultant_image_id: null,
    });
    const ended = await jobEnded(job.id);
    expect(ended.status).toBe('error');
    expect(Object.keys(ended.phases as object)).toEqual(['fetching_recipe', 'waiting_for_repos']);
    expect(ended.error).toContain('updates.suse.com');
    expect(await cray('GET', '/v3/jobs')).toContainEqual(ended);
    // Cray's job pods report through PATCH: an admin's.
    const params = { job_id: job.id };
    const patched = await cray('PATCH', '/v3/jobs/{job_id}', {
      params,
      body: { resultant_image_id: state.image.id },
      key: admin,
    });
    expect(patched).toMatchObject({ status: 'error', resultant_image_id: state.image.id });
    await cray('DELETE', '/v3/jobs/{job_id}', { params, key: admin });
    await problem('GET', `/v3/jobs/${job.id}`, undefined, 404);
  }, 900_000);

  it("deletes the jobs Cray's filters name", async () => {
    const started = async () =>
      cray('POST', '/v3/jobs', {
        body: {
          job_type: 'create',
          artifact_id: state.recipe.id,
          public_key_id: state.key.id,
          image_root_archive_name: 'again',
        },
      });
    const ids = [(await started()).id, (await started()).id];
    for (const id of ids) await jobEnded(id);
    const listed = async () => (await cray('GET', '/v3/jobs')).map((job: { id: string }) => job.id);
    // Younger than a day: kept; of another status: kept.
    await cray('DELETE', '/v3/jobs', { query: 'status=error&job_type=create&age=1d', key: admin });
    await cray('DELETE', '/v3/jobs', { query: 'status=success', key: admin });
    expect(await listed()).toEqual(expect.arrayContaining(ids));
    await cray('DELETE', '/v3/jobs', { query: 'status=error&status=success&job_type=create', key: admin });
    expect(await listed()).toEqual([]);
  }, 900_000);

  it('keeps remote build nodes and reports their status', async () => {
    const xname = 'x3000c0s19b1n0';
    expect(await cray('POST', '/v3/remote-build-nodes', { body: { xname }, key: admin })).toEqual({ xname });
    const params = { remote_build_node_xname: xname };
    expect(await cray('GET', '/v3/remote-build-nodes/{remote_build_node_xname}', { params })).toEqual({
      xname,
    });
    expect(await cray('GET', '/v3/remote-build-nodes')).toEqual([{ xname }]);
    const [status] = await cray('GET', '/v3/remote-build-nodes/status/{remote_build_node_xname}', { params });
    // This service has no ssh key for nodes: the node is not able to run jobs, and says why.
    expect(status).toMatchObject({ xname, numCurrentJobs: 0, ableToRunJobs: false });
    expect(await cray('GET', '/v3/remote-build-nodes/status')).toEqual([status]);
    await cray('DELETE', '/v3/remote-build-nodes/{remote_build_node_xname}', { params, key: admin });
    await cray('POST', '/v3/remote-build-nodes', { body: { xname }, key: admin });
    await cray('DELETE', '/v3/remote-build-nodes', { key: admin });
    expect(await cray('GET', '/v3/remote-build-nodes')).toEqual([]);
  });

  // Each kind: one record deleted, seen under deleted/, undeleted; all deleted, all undeleted; then purged.
  it.each<[string, string, string, keyof typeof state]>([
    ['recipes', 'recipe_id', 'recipe_id', 'recipe'],
    ['images', 'image_id', 'deleted_image_id', 'image'],
    ['public-keys', 'public_key_id', 'deleted_public_key_id', 'key'],
  ])('soft deletes, undeletes and purges %s', async (kind, idName, deletedIdName, held) => {
    const { id } = state[held];
    const one = `/v3/${kind}/{${idName}}`;
    const deletedOne = `/v3/deleted/${kind}/{${deletedIdName}}`;
    const undelete = { operation: 'undelete' };
    await cray('DELETE', one, { params: { [idName]: id }, key: admin });
    const deleted = await cray('GET', deletedOne, { params: { [deletedIdName]: id } });
    expect(deleted).toMatchObject({ id });
    expect(await cray('GET', `/v3/deleted/${kind}`)).toEqual([deleted]);
    await cray('PATCH', deletedOne, { params: { [deletedIdName]: id }, body: undelete, key: admin });
    expect(await cray('GET', one, { params: { [idName]: id } })).toMatchObject({ id });
    await cray('DELETE', `/v3/${kind}`, { key: admin });
    expect(await cray('GET', `/v3/${kind}`)).toEqual([]);
    await cray('PATCH', `/v3/deleted/${kind}`, { body: undelete, key: admin });
    expect((await cray('GET', `/v3/${kind}`)).map((record: { id: string }) => record.id)).toContain(id);
    await cray('DELETE', `/v3/${kind}`, { key: admin });
    await cray('DELETE', deletedOne, { params: { [deletedIdName]: id }, key: admin });
    expect(await cray('GET', `/v3/deleted/${kind}`)).toEqual([]);
    await cray('POST', `/v3/${kind}`, { body: seedOf(kind) });
    await cray('DELETE', `/v3/${kind}`, { key: admin });
    await cray('DELETE', `/v3/deleted/${kind}`, { key: admin });
    expect(await cray('GET', `/v3/deleted/${kind}`)).toEqual([]);
    expect(await cray('GET', `/v3/${kind}`)).toEqual([]);
  });

  it("has driven every one of Cray's v3 operations", () => {
    expect(CRAY_V3_OPERATIONS.filter((operation) => !exercised.has(operationName(operation)))).toEqual([]);
    expect(exercised.size).toBe(51);
  });
});

/** A fresh record of each kind, as Cray's client posts it. */
function seedOf(kind: string): object {
  if (kind === 'recipes') return { name: 'r', recipe_type: 'packer', linux_distribution: 'centos7' };
  if (kind === 'images') return { name: 'i' };
  return {
    name: 'k',
    public_key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl k',
  };
}
