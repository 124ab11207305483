import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { execa } from 'execa';
import type { FastifyInstance } from 'fastify';
import { S3ArtifactStore } from '../../src/artifacts/s3-artifact-store.js';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { openServiceDatabase, type ServiceDatabase } from '../../src/server/open-service-database.js';
import { ARTIFACT_TYPES, type ImageManifest } from '../../src/ims/image-manifest.js';
import type { JobRecord } from '../../src/ims/jobs/job-repository.js';
import type { PodmanJobRunner } from '../../src/ims/jobs/podman-job-runner.js';
import { kiwiDescription } from '../support/kiwi-description.js';
import { kiwiRecipeArchive } from '../support/kiwi-recipe-archive.js';
import { imsJobApp } from '../support/ims-job-app.js';
import { startS3rver } from '../support/start-s3rver.js';
import { testEngine } from '../support/test-engine.js';

// IMS kiwi-ng create jobs end to end, driven as a Cray client drives them (recipe archives put in S3 and
// linked, jobs with Cray's fields, at the gateway path): a small Debian kiwi description (config.kiwi with
// template placeholders, a root/ overlay, config.sh) built by kiwi-ng in a container, packaged into S3
// (s3rver); a sles15 recipe whose SUSE repository is unreachable from here; a packer recipe.
let s3: Awaited<ReturnType<typeof startS3rver>>;
let database: ServiceDatabase;
let store: S3ArtifactStore;
let app: FastifyInstance;
let runner: PodmanJobRunner | undefined;
let objects: S3Client;
let writer: string;
let admin: string;
let publicKeyId: string;
const prefix = `kiwi-${Date.now()}`;
// Stand for the service machine: one listening on loopback, as `stackhook serve` does by default, one on every address.
let loopbackService: Server;
let openService: Server;
const port = (server: Server) => (server.address() as AddressInfo).port;
const as = () => ({ authorization: `Bearer ${writer}` });

/** The public key a Cray client names on its jobs (required in Cray's JobRecord). */
async function adminPublicKey(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-kiwi-key-'));
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'id')]);
  const public_key = (await readFile(path.join(dir, 'id.pub'), 'utf8')).trim();
  const answer = await app.inject({
    method: 'POST',
    url: '/apis/ims/v3/public-keys',
    headers: as(),
    payload: { name: 'admin', public_key },
  });
  return (answer.json() as { id: string }).id;
}

const DEBIAN_MIRROR = 'http://deb.debian.org/debian';

const configKiwi = (repository: string, distribution: string, packages: string[]) =>
  kiwiDescription({ repository, distribution, packages });

/**
 * As a Cray client makes a job, at Cray's gateway path: the recipe registered, its archive put in the S3 bucket
 * (what `cray artifacts create` does) and linked by PATCH, a create job with Cray's fields on it; the job as it
 * was started.
 */
async function launchJob(recipe: object, archive: Buffer): Promise<JobRecord> {
  const created = await app.inject({
    method: 'POST',
    url: '/apis/ims/v3/recipes',
    headers: as(),
    payload: recipe,
  });
  expect(created.statusCode).toBe(201);
  const { id } = created.json() as { id: string };
  const key = `${prefix}/recipes/${id}/recipe.tar.gz`;
  const put = await objects.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: archive }));
  const linked = await app.inject({
    method: 'PATCH',
    url: `/apis/ims/v3/recipes/${id}`,
    headers: as(),
    payload: { link: { path: `s3://${s3.bucket}/${key}`, etag: put.ETag!.replace(/"/g, ''), type: 's3' } },
  });
  expect(linked.statusCode).toBe(200);
  const started = await app.inject({
    method: 'POST',
    url: '/apis/ims/v3/jobs',
    headers: as(),
    payload: {
      job_type: 'create',
      artifact_id: id,
      public_key_id: publicKeyId,
      image_root_archive_name: 'kiwi-built',
      enable_debug: false,
    },
  });
  expect(started.statusCode).toBe(201);
  return started.json() as JobRecord;
}

/** A job launched and run to its end: its record then. */
async function startJob(recipe: object, archive: Buffer): Promise<JobRecord> {
  const started = await launchJob(recipe, archive);
  await runner!.idle();
  return (await app.inject(`/ims/v3/jobs/${started.id}`)).json() as JobRecord;
}

async function squashfsOf(key: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.get(key)) chunks.push(chunk as Buffer);
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'stackhook-kiwi-squash-')), 'rootfs.squashfs');
  await writeFile(file, Buffer.concat(chunks));
  return file;
}

beforeAll(async () => {
  s3 = await startS3rver();
  database = await openServiceDatabase(
    path.join(await mkdtemp(path.join(os.tmpdir(), 'stackhook-kiwi-')), 'c.sqlite'),
  );
  store = new S3ArtifactStore({ bucket: s3.bucket, prefix, client: s3.client });
  objects = new S3Client(s3.client);
  writer = await createApiKey(database.db, 'wendy', 'writer');
  admin = await createApiKey(database.db, 'ada', 'admin');
  ({ app, runner } = await imsJobApp(database.db, store));
  publicKeyId = await adminPublicKey();
  loopbackService = createServer((_request, response) => response.end('the service machine'));
  openService = createServer((_request, response) => response.end('the service machine'));
  await new Promise<void>((resolve) => loopbackService.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => openService.listen(0, '0.0.0.0', resolve));
});
afterAll(async () => {
  await runner?.close();
  await app?.close();
  await database?.db.destroy();
  await s3?.[Symbol.asyncDispose]();
  loopbackService?.close();
  openService?.close();
});

describe('an IMS kiwi-ng create job', () => {
  it('builds a Debian kiwi description (template applied, overlay, config.sh) into squashfs, kernel and initrd', async () => {
    const hostFile = path.join(os.tmpdir(), `stackhook-kiwi-host-${Date.now()}`);
    await writeFile(hostFile, 'a file of the service machine\n');
    try {
      const job = await startJob(
        {
          name: 'debian-kiwi',
          recipe_type: 'kiwi-ng',
          linux_distribution: 'debian',
          template_dictionary: [
            { key: 'mirror', value: DEBIAN_MIRROR },
            { key: 'extra_package', value: 'netbase' },
          ],
        },
        await kiwiRecipeArchive({
          'config.kiwi': configKiwi('{{ mirror }}', 'bookworm', [
            '{{extra_package}}',
            'linux-image-cloud-amd64',
            'initramfs-tools',
          ]),
          'root/etc/kiwi-overlay': 'from the root overlay\n',
          'root/etc/service-ports': `${port(loopbackService)} ${port(openService)}\n`,
          // What a recipe's author can try as root in the new root: this machine's files and its loopback.
          'config.sh': [
            '#!/bin/bash',
            'echo "config.sh ran" > /etc/kiwi-config-sh',
            `if [ -e ${hostFile} ]; then echo seen; else echo absent; fi > /etc/host-file`,
            // The service machine as the container sees it: its bridge's gateway.
            'gw=$(awk \'$2 == "00000000" { print $3; exit }\' /proc/net/route)',
            'gateway=$(printf "%d.%d.%d.%d" 0x${gw:6:2} 0x${gw:4:2} 0x${gw:2:2} 0x${gw:0:2})',
            'try() { if timeout 5 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; then echo reached; else echo unreached; fi; }',
            'read loopback open < /etc/service-ports',
            'try 127.0.0.1 "$loopback" > /etc/reach-loopback',
            'try "$gateway" "$loopback" > /etc/reach-gateway-loopback',
            'try "$gateway" "$open" > /etc/reach-gateway-open',
            '',
          ].join('\n'),
        }),
      );
      const log = (await app.inject(`/ims/v3/jobs/${job.id}/log`)).body;
      // On a failure the log's end is in the diff: kiwi's reason is there.
      const ended = { status: job.status, error: job.error, log: job.error ? log.slice(-3000) : undefined };
      expect(ended).toEqual({ status: 'success', error: null, log: undefined });
      expect(Object.keys(job.phases)).toEqual([
        'fetching_recipe',
        'waiting_for_repos',
        'building_image',
        'packaging_artifacts',
      ]);
      expect(log).toContain(`repository ${DEBIAN_MIRROR}: reachable`);
      expect(log).not.toContain('commented.invalid');
      expect(log).toContain('Calling config.sh script');
      const manifest = (
        await app.inject(`/ims/v3/images/${job.resultant_image_id}/manifest`)
      ).json() as ImageManifest;
      expect(manifest.artifacts.map((artifact) => artifact.type).sort()).toEqual(
        [ARTIFACT_TYPES.rootfs, ARTIFACT_TYPES.oci, ARTIFACT_TYPES.kernel, ARTIFACT_TYPES.initrd].sort(),
      );
      const squashfs = await squashfsOf(`images/${job.resultant_image_id}/rootfs`);
      const cat = async (file: string) => (await execa('unsquashfs', ['-cat', squashfs, file])).stdout;
      expect(await cat('etc/kiwi-overlay')).toBe('from the root overlay');
      expect(await cat('etc/kiwi-config-sh')).toBe('config.sh ran');
      // netbase came from the template's extra_package.
      expect(await cat('etc/protocols')).toContain('tcp');
      expect(await cat('etc/host-file')).toBe('absent');
      // The service on loopback is out of reach; one listening on every address is not (the README says so).
      expect({
        loopback: await cat('etc/reach-loopback'),
        gatewayLoopback: await cat('etc/reach-gateway-loopback'),
        gatewayOpen: await cat('etc/reach-gateway-open'),
      }).toEqual({ loopback: 'unreached', gatewayLoopback: 'unreached', gatewayOpen: 'reached' });
      const listing = (await execa('unsquashfs', ['-lls', squashfs])).stdout;
      expect(listing).toMatch(/boot\/vmlinuz-/);
      expect(listing).not.toMatch(/squashfs-root\/image\/config\.xml/);
      const kernel = manifest.artifacts.find((artifact) => artifact.type === ARTIFACT_TYPES.kernel)!;
      expect((await store.head(`images/${job.resultant_image_id}/kernel`))?.md5).toBe(kernel.md5);
      expect(await testEngine().containersWithLabel(`io.stackhook.ims.job=${job.id}`)).toEqual([]);
    } finally {
      await rm(hostFile, { force: true });
    }
  }, 1_200_000);

  it('ends a sles15 recipe in error in waiting_for_repos, naming SUSE’s unreachable repository', async () => {
    const suse = 'https://updates.suse.com/SUSE/Products/SLE-Product-SLES/15-SP5/x86_64/product/';
    const imagesBefore = ((await app.inject('/ims/v3/images')).json() as unknown[]).length;
    const job = await startJob(
      {
        name: 'sles15-barebones',
        recipe_type: 'kiwi-ng',
        linux_distribution: 'sles15',
        template_dictionary: [{ key: 'sles_repo', value: suse }],
      },
      await kiwiRecipeArchive({
        'config.xml': kiwiDescription({
          repository: '{{ sles_repo }}',
          repositoryType: 'rpm-md',
          packages: ['netbase'],
        }),
        'config.sh': '#!/bin/bash\necho should not run\n',
      }),
    );
    expect(job.status).toBe('error');
    expect(job.error).toContain('repository unreachable');
    expect(job.error).toContain(suse);
    expect(Object.keys(job.phases)).toEqual(['fetching_recipe', 'waiting_for_repos']);
    expect(((await app.inject('/ims/v3/images')).json() as unknown[]).length).toBe(imagesBefore);
  }, 600_000);

  it('ends in error naming a template placeholder the recipe gives no value', async () => {
    const job = await startJob(
      { name: 'no-mirror', recipe_type: 'kiwi-ng', linux_distribution: 'debian' },
      await kiwiRecipeArchive({ 'config.kiwi': configKiwi('{{ mirror }}', 'bookworm', ['netbase']) }),
    );
    expect(job.status).toBe('error');
    expect(job.error).toContain('config.kiwi: {{ mirror }} has no value');
  }, 600_000);

  it('ends in error with kiwi’s reason when a package does not exist, leaving no image', async () => {
    const imagesBefore = ((await app.inject('/ims/v3/images')).json() as unknown[]).length;
    const job = await startJob(
      {
        name: 'missing-package',
        recipe_type: 'kiwi-ng',
        linux_distribution: 'debian',
        template_dictionary: [{ key: 'mirror', value: DEBIAN_MIRROR }],
      },
      await kiwiRecipeArchive({
        'config.kiwi': configKiwi('{{ mirror }}', 'bookworm', ['stackhook-no-such-package']),
      }),
    );
    expect(job.status).toBe('error');
    expect(job.error).toContain('kiwi-ng system prepare failed');
    expect((await app.inject(`/ims/v3/jobs/${job.id}/log`)).body).toContain('stackhook-no-such-package');
    expect(((await app.inject('/ims/v3/images')).json() as unknown[]).length).toBe(imagesBefore);
    expect(await testEngine().containersWithLabel(`io.stackhook.ims.job=${job.id}`)).toEqual([]);
  }, 600_000);

  it('stops a kiwi build on DELETE /jobs/{id}, its container removed', async () => {
    const job = await launchJob(
      {
        name: 'stopped',
        recipe_type: 'kiwi-ng',
        linux_distribution: 'debian',
        template_dictionary: [{ key: 'mirror', value: DEBIAN_MIRROR }],
      },
      await kiwiRecipeArchive({ 'config.kiwi': configKiwi('{{ mirror }}', 'bookworm', ['netbase']) }),
    );
    // This job's containers only: other checkouts' jobs may share the machine's podman.
    const labelled = () => testEngine().containersWithLabel(`io.stackhook.ims.job=${job.id}`);
    const deadline = Date.now() + 300_000;
    // Until kiwi runs: the job is building and its container exists.
    for (;;) {
      const now = (await app.inject(`/ims/v3/jobs/${job.id}`)).json() as JobRecord;
      if (now.status === 'building_image' && (await labelled()).length > 0) break;
      if (now.status === 'error' || Date.now() > deadline) throw new Error(`job ${now.status}: ${now.error}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/ims/v3/jobs/${job.id}`,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(deleted.statusCode).toBe(204);
    await runner!.idle();
    expect(await labelled()).toEqual([]);
    expect((await app.inject(`/ims/v3/jobs/${job.id}`)).statusCode).toBe(404);
  }, 600_000);

  it('stores a packer recipe and ends its job in error: packer is not supported', async () => {
    const job = await startJob(
      { name: 'packer-recipe', recipe_type: 'packer', linux_distribution: 'sles15' },
      await kiwiRecipeArchive({ 'packer.pkr.hcl': 'source "null" "x" {}\n' }),
    );
    expect(job.status).toBe('error');
    expect(job.error).toContain('packer recipes are not supported');
  }, 600_000);
});
