import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { FastifyInstance } from 'fastify';
import { FilesystemArtifactStore } from '../../src/artifacts/filesystem-artifact-store.js';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import { openServiceDatabase, type ServiceDatabase } from '../../src/server/open-service-database.js';
import type { JobRecord } from '../../src/ims/jobs/job-repository.js';
import { PodmanJobRunner } from '../../src/ims/jobs/podman-job-runner.js';
import { RecipeRepository } from '../../src/ims/recipe-repository.js';
import { SilentLog } from '../../src/log/silent-log.js';
import { runCli, startCli } from '../support/run-cli.js';
import { testEngine } from '../support/test-engine.js';
import { servedAddress } from '../support/served-address.js';

// Recipes as an attacker writes them, against the service in this process over a real port: hostile template
// values are refused when the recipe is made, and a recipe that holds one anyway (stored before the rule)
// ends its job in error naming the key, before any podman call. The service goes on answering: on the code
// before this rule, variant=../../x made podman's API answer 301, docker-modem followed it to a host named
// "images", and the unhandled error ended the process (here: jest's).
let database: ServiceDatabase;
let app: FastifyInstance;
let runner: PodmanJobRunner | undefined;
let origin: string;
let writer: string;
let archive: Buffer;
const log = new SilentLog();

const call = (method: string, url: string, body?: object) =>
  fetch(`${origin}${url}`, {
    method,
    headers: { authorization: `Bearer ${writer}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body && JSON.stringify(body),
  });

const recipe = (template: Record<string, string>) => ({
  name: 'hostile',
  recipe_type: 'debootstrap',
  linux_distribution: 'debian',
  template_dictionary: Object.entries(template).map(([key, value]) => ({ key, value })),
});

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-hostile-'));
  database = await openServiceDatabase(path.join(dir, 'c.sqlite'));
  const store = new FilesystemArtifactStore(path.join(dir, 'artifacts'));
  writer = await createApiKey(database.db, 'mallory', 'writer');
  app = await buildServiceApp({
    db: database.db,
    artifacts: store,
    jobRunner: (context) => (runner = new PodmanJobRunner({ ...context, engine: testEngine(), store, log })),
  });
  origin = await app.listen({ host: '127.0.0.1', port: 0 });
  // Any archive: the job fails on the template before it would use it.
  await writeFile(path.join(dir, 'README'), 'any archive\n');
  await execa('tar', [
    '--create',
    '--gzip',
    '--file',
    path.join(dir, 'a.tar.gz'),
    '--directory',
    dir,
    'README',
  ]);
  archive = await readFile(path.join(dir, 'a.tar.gz'));
});
afterAll(async () => {
  await runner?.close();
  await app?.close();
  await database?.db.destroy();
});

const HOSTILE: [string, Record<string, string>, string][] = [
  ['variant=../../x', { suite: 'bookworm', variant: '../../x' }, 'variant'],
  ['suite=--bogus-option', { suite: '--bogus-option' }, 'suite'],
  ['suite=../x', { suite: '../x' }, 'suite'],
  ['variant=--foreign', { suite: 'bookworm', variant: '--foreign' }, 'variant'],
  ['mirror=--no-check-gpg', { suite: 'bookworm', mirror: '--no-check-gpg' }, 'mirror'],
  ['mirror=file:///etc', { suite: 'bookworm', mirror: 'file:///etc' }, 'mirror'],
  ['packages with a shell', { suite: 'bookworm', packages: 'curl && touch /pwned' }, 'packages'],
  ['packages with an option', { suite: 'bookworm', packages: '-o=APT::x=1' }, 'packages'],
];

describe('a debootstrap recipe with hostile template values', () => {
  it.each(HOSTILE)(
    '%s is refused when the recipe is made (422 naming the key)',
    async (_label, template, key) => {
      const before = ((await (await call('GET', '/ims/v3/recipes')).json()) as unknown[]).length;
      const answer = await call('POST', '/ims/v3/recipes', recipe(template));
      expect(answer.status).toBe(422);
      expect(((await answer.json()) as { detail: string }).detail).toContain(`template_dictionary.${key}`);
      expect(((await (await call('GET', '/ims/v3/recipes')).json()) as unknown[]).length).toBe(before);
    },
  );

  it.each(HOSTILE)(
    '%s stored anyway: its job ends in error naming the key, and the service goes on answering',
    async (_label, template, key) => {
      const stored = await new RecipeRepository(database.db, new FilesystemArtifactStore(os.tmpdir())).create(
        recipe(template),
      );
      const upload = await fetch(`${origin}/ims/v3/recipes/${stored.id}/archive`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${writer}`, 'content-type': 'application/gzip' },
        body: archive,
      });
      expect(upload.status).toBe(200);
      const started = await call('POST', '/ims/v3/jobs', {
        job_type: 'create',
        artifact_id: stored.id,
        image_root_archive_name: 'hostile',
      });
      expect(started.status).toBe(201);
      const { id } = (await started.json()) as JobRecord;
      await runner!.idle();
      const job = (await (await call('GET', `/ims/v3/jobs/${id}`)).json()) as JobRecord;
      expect(job.status).toBe('error');
      expect(job.error).toContain(`template_dictionary.${key}`);
      expect(job.phases).not.toHaveProperty('packaging_artifacts');
      expect((await call('GET', '/ims/v3/jobs')).status).toBe(200);
    },
    120_000,
  );
});

describe('a debootstrap recipe from a mirror whose signature this machine cannot check', () => {
  it('ends its job in error before debootstrap fetches anything (no unsigned packages run as root here)', async () => {
    // jammy's keyring (ubuntu-archive-keyring) is not on this machine: unchecked, debootstrap would take this
    // mirror's unsigned Release and run its packages' maintainer scripts as root in a chroot on the host.
    const asked: string[] = [];
    const mirror = http.createServer((request, response) => {
      asked.push(request.url ?? '');
      if (request.url?.endsWith('/Release')) response.end('Suite: jammy\nCodename: jammy\n');
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = mirror.address() as AddressInfo;
      const made = await call(
        'POST',
        '/ims/v3/recipes',
        recipe({ suite: 'jammy', mirror: `http://127.0.0.1:${port}/ubuntu` }),
      );
      expect(made.status).toBe(201);
      const { id: recipeId } = (await made.json()) as { id: string };
      const upload = await fetch(`${origin}/ims/v3/recipes/${recipeId}/archive`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${writer}`, 'content-type': 'application/gzip' },
        body: archive,
      });
      expect(upload.status).toBe(200);
      const started = await call('POST', '/ims/v3/jobs', {
        job_type: 'create',
        artifact_id: recipeId,
        image_root_archive_name: 'unsigned',
      });
      const { id } = (await started.json()) as JobRecord;
      await runner!.idle();
      const job = (await (await call('GET', `/ims/v3/jobs/${id}`)).json()) as JobRecord;
      expect(job.status).toBe('error');
      const logText = await (await call('GET', `/ims/v3/jobs/${id}/log`)).text();
      expect(`${job.error}\n${logText}`).toMatch(/Keyring-based check was requested/);
      expect(asked).toEqual([]);
    } finally {
      await new Promise((resolve) => mirror.close(resolve));
    }
  }, 120_000);
});

describe('the engine', () => {
  it('refuses a reference holding .. before podman sees it', async () => {
    await expect(
      testEngine().inspectImage('localhost/stackhook/debootstrap:bookworm-../../x'),
    ).rejects.toThrow(/is not an image reference/);
  });

  it("fails the call on podman's redirect instead of following it", async () => {
    // Past the reference check, straight to the API socket: podman answers this path with a 301.
    const docker = (testEngine() as unknown as { docker: import('dockerode') }).docker;
    await expect(
      docker.getImage('localhost/stackhook/debootstrap:bookworm-../../x').inspect(),
    ).rejects.toThrow(/redirect/i);
  });
});

describe('stackhook serve', () => {
  it('goes on answering after a job whose stored recipe holds variant=../../x', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-hostile-serve-'));
    const file = path.join(dir, 'catalog.sqlite');
    const key = (
      await runCli(
        ['catalog', 'keys', 'create', '--user', 'mallory', '--role', 'writer', '--database', file],
        dir,
      )
    ).stdout.trim();
    const server = startCli(
      ['serve', '--database', file, '--artifacts', path.join(dir, 'artifacts'), '--port', '0'],
      dir,
    );
    try {
      const address = await servedAddress(server);
      const headers = { authorization: `Bearer ${key}` };
      // Stored as a recipe made before the rule would be: straight into the service's database.
      const opened = await openServiceDatabase(file);
      const stored = await new RecipeRepository(opened.db, new FilesystemArtifactStore(dir)).create(
        recipe({ suite: 'bookworm', variant: '../../x' }),
      );
      await opened.db.destroy();
      const upload = await fetch(`${address}/ims/v3/recipes/${stored.id}/archive`, {
        method: 'PUT',
        headers: { ...headers, 'content-type': 'application/gzip' },
        body: archive,
      });
      expect(upload.status).toBe(200);
      const started = await fetch(`${address}/ims/v3/jobs`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ job_type: 'create', artifact_id: stored.id, image_root_archive_name: 'x' }),
      });
      const { id } = (await started.json()) as JobRecord;
      let job: JobRecord | undefined;
      for (let tries = 0; tries < 120 && !['success', 'error'].includes(job?.status ?? ''); tries += 1) {
        await sleep(250);
        job = (await (await fetch(`${address}/ims/v3/jobs/${id}`)).json()) as JobRecord;
      }
      expect(job).toMatchObject({
        status: 'error',
        error: expect.stringContaining('template_dictionary.variant'),
      });
      await sleep(1000);
      expect((await fetch(`${address}/ims/v3/recipes`)).status).toBe(200);
      expect(server.exitCode).toBeNull();
    } finally {
      server.kill('SIGKILL');
    }
  }, 120_000);
});
