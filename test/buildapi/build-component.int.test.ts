import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import type { FastifyInstance } from 'fastify';
import type { ArtifactStore } from '../../src/artifacts/artifact-store.js';
import { FilesystemArtifactStore } from '../../src/artifacts/filesystem-artifact-store.js';
import { S3ArtifactStore } from '../../src/artifacts/s3-artifact-store.js';
import { ComponentBuilds } from '../../src/buildapi/component/component-builds.js';
import type { ComponentJobRecord } from '../../src/buildapi/component/component-job-repository.js';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import { openServiceDatabase, type ServiceDatabase } from '../../src/server/open-service-database.js';
import { hostPlatform } from '../../src/hierarchy/platform.js';
import { INSTANCE_LABEL, serviceInstanceId } from '../../src/service/jobs/service-instance-id.js';
import { SilentLog } from '../../src/log/silent-log.js';
import { gitRepoFrom } from '../support/fixture-repo.js';
import { hostEscape } from '../support/host-escape.js';
import { startS3rver } from '../support/start-s3rver.js';
import { testBaseImage, testEngine } from '../support/test-engine.js';

// The build API's components over HTTP: real git repositories (file:// URLs, allowed for these services only),
// builds in real podman containers, tarballs in the filesystem store and in S3 (s3rver).
const ARCH = hostPlatform();
let dir: string;
let database: ServiceDatabase;
let writer: string;
let s3: Awaited<ReturnType<typeof startS3rver>>;
const apps: FastifyInstance[] = [];
const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');
const auth = () => ({ authorization: `Bearer ${writer}` });

async function service(store: ArtifactStore, options: { schemes?: string[]; timeoutMs?: number } = {}) {
  const app = await buildServiceApp({
    db: database.db,
    artifacts: store,
    componentBuilds: (context) =>
      new ComponentBuilds(
        {
          ...context,
          engine: testEngine(),
          store,
          log: new SilentLog(),
          schemes: options.schemes ?? ['file'],
          defaultImage: testBaseImage(),
        },
        options.timeoutMs,
      ),
  });
  apps.push(app);
  return app;
}

/** A component repository with `files` (and whatever `prepare` adds), committed and tagged v1.0; its file:// URL. */
async function repository(
  name: string,
  files: Record<string, string>,
  prepare?: (source: string) => Promise<void>,
): Promise<string> {
  const source = path.join(dir, `${name}-source`);
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(source, file)), { recursive: true });
    await writeFile(path.join(source, file), content);
  }
  await prepare?.(source);
  const repo = await gitRepoFrom(source, name);
  await execa('git', ['tag', 'v1.0'], { cwd: repo });
  return `file://${repo}`;
}

const WIDGET_BUILD = [
  'command:',
  '  - sh',
  '  - -c',
  '  - >-',
  '    mkdir -p /out/bin && cp VERSION /out/ &&',
  '    printf "echo hello from %s\\n" "$COMPONENT" > /out/bin/hello &&',
  '    grep CapEff /proc/self/status > /out/caps && ls /sys/class/net > /out/net',
  'env:',
  '  COMPONENT: widget',
  '',
].join('\n');

async function waitForJob(app: FastifyInstance, id: string): Promise<ComponentJobRecord> {
  for (let tries = 0; tries < 1200; tries += 1) {
    const job = (await app.inject(`/build/jobs/${id}`)).json() as ComponentJobRecord;
    if (job.status === 'success' || job.status === 'error') return job;
    await sleep(250);
  }
  throw new Error(`build job ${id} never ended`);
}

const post = (app: FastifyInstance, payload: object, headers: object = auth()) =>
  app.inject({ method: 'POST', url: '/build/component', headers: { ...headers }, payload });

/** Builds `component` from `url` through POST and waits for its job. */
async function build(app: FastifyInstance, component: string, url: string, tag = 'v1.0') {
  const started = await post(app, { git_url: url, component, tag, architecture: ARCH });
  expect(started.statusCode).toBe(202);
  return waitForJob(app, (started.json() as ComponentJobRecord).id);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-components-'));
  database = await openServiceDatabase(path.join(dir, 'c.sqlite'));
  writer = await createApiKey(database.db, 'wendy', 'writer');
  s3 = await startS3rver();
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await database?.db.destroy();
  await s3?.[Symbol.asyncDispose]();
});

describe('POST and GET /build/component', () => {
  it('clones, builds by the repository’s file in an unprivileged container, and serves the tarball', async () => {
    const app = await service(new FilesystemArtifactStore(path.join(dir, 'files')));
    const url = await repository('widget', { VERSION: '1.0\n', 'stackhook-build.yaml': WIDGET_BUILD });
    const request = { git_url: url, component: 'widget', tag: 'v1.0', architecture: ARCH };
    // Identical requests at once share one job.
    const [first, second] = await Promise.all([post(app, request), post(app, request)]);
    expect([first.statusCode, second.statusCode]).toEqual([202, 202]);
    const id = (first.json() as ComponentJobRecord).id;
    expect((second.json() as ComponentJobRecord).id).toBe(id);
    expect(first.headers.location).toBe(`/build/jobs/${id}`);
    const job = await waitForJob(app, id);
    expect(job).toMatchObject({ status: 'success', error: null, requested_by: 'wendy' });
    expect(Object.keys(job.phases)).toEqual(['cloning', 'building', 'storing']);

    const got = await app.inject(`/build/component?component=widget&tag=v1.0&architecture=${ARCH}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/gzip');
    expect(md5(got.rawPayload)).toBe(job.md5);
    const tarball = path.join(dir, 'widget.tar.gz');
    await writeFile(tarball, got.rawPayload);
    const listing = (await execa('tar', ['--list', '--gzip', '--file', tarball])).stdout.split('\n');
    expect(listing).toEqual(expect.arrayContaining(['./VERSION', './bin/hello', './caps', './net']));
    const read = async (member: string) =>
      (await execa('tar', ['--extract', '--gzip', '--to-stdout', '--file', tarball, member])).stdout;
    expect(await read('./bin/hello')).toBe('echo hello from widget');
    // Unprivileged and offline: no capabilities at all, no network but loopback.
    expect(await read('./caps')).toMatch(/CapEff:\s+0000000000000000/);
    expect(await read('./net')).toBe('lo');
    const log = (await app.inject(`/build/jobs/${id}/log`)).body;
    expect(log).toMatch(/v1\.0 at [0-9a-f]{40}/);

    // Built once: asking again answers with the tarball, no new job.
    const again = await post(app, request);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ component: 'widget', md5: job.md5 });

    // Over a real port as a build script fetches it: streamed, with its length and its MD5 as ETag.
    const origin = await app.listen({ host: '127.0.0.1', port: 0 });
    const fetched = await fetch(`${origin}/build/component?component=widget&tag=v1.0&architecture=${ARCH}`);
    const bytes = Buffer.from(await fetched.arrayBuffer());
    expect(fetched.headers.get('etag')).toBe(`"${job.md5}"`);
    expect(Number(fetched.headers.get('content-length'))).toBe(bytes.length);
    expect(fetched.headers.get('content-disposition')).toBe(
      `attachment; filename="widget-v1.0-${ARCH}.tar.gz"`,
    );
    expect(md5(bytes)).toBe(job.md5);
  }, 600_000);

  it('answers a missing component with 404, and starts its build for a writer who gives git_url', async () => {
    const app = await service(new FilesystemArtifactStore(path.join(dir, 'files')));
    const query = `component=gadget&tag=v1.0&architecture=${ARCH}`;
    const missing = await app.inject(`/build/component?${query}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
    const url = await repository('gadget', { VERSION: '2\n', 'stackhook-build.yaml': WIDGET_BUILD });
    const withUrl = `/build/component?${query}&git_url=${encodeURIComponent(url)}`;
    expect((await app.inject(withUrl)).statusCode).toBe(401);
    // HEAD only looks, even for a writer.
    expect((await app.inject({ method: 'HEAD', url: withUrl, headers: auth() })).statusCode).toBe(404);
    const started = await app.inject({ url: withUrl, headers: auth() });
    expect(started.statusCode).toBe(202);
    expect((await waitForJob(app, (started.json() as ComponentJobRecord).id)).status).toBe('success');
    expect((await app.inject(`/build/component?${query}`)).statusCode).toBe(200);
  }, 600_000);

  it('answers with a 303 to a presigned URL when the store is S3', async () => {
    const store = new S3ArtifactStore({
      bucket: s3.bucket,
      prefix: `components-${Date.now()}`,
      client: s3.client,
    });
    const app = await service(store);
    const url = await repository('s3widget', { VERSION: '3\n', 'stackhook-build.yaml': WIDGET_BUILD });
    const job = await build(app, 's3widget', url);
    expect(job.status).toBe('success');
    const got = await app.inject(`/build/component?component=s3widget&tag=v1.0&architecture=${ARCH}`);
    expect(got.statusCode).toBe(303);
    const location = got.headers.location as string;
    expect(location).toMatch(/X-Amz-Signature=/);
    const fetched = Buffer.from(await (await fetch(location)).arrayBuffer());
    expect(md5(fetched)).toBe(job.md5);
  }, 600_000);

  it.each([
    [
      'a build command that fails',
      { 'stackhook-build.yaml': 'command: [sh, -c, "exit 3"]\n' },
      /exited with 3/,
    ],
    ['no build file', { README: 'nothing to build\n' }, /no stackhook-build\.yaml/],
    [
      'an unknown key',
      { 'stackhook-build.yaml': 'command: ["true"]\nprivileged: true\n' },
      /stackhook-build\.yaml:2 privileged.*unknown key/,
    ],
    ['an output of /', { 'stackhook-build.yaml': 'command: ["true"]\noutput: /\n' }, /output/],
    ['an empty output', { 'stackhook-build.yaml': 'command: ["true"]\n' }, /left nothing in \/out/],
    [
      'an image it may not build in',
      { 'stackhook-build.yaml': 'image: localhost/stackhook/ims-sshd:bookworm\ncommand: ["true"]\n' },
      /not an image this service builds in/,
    ],
    [
      'a containerfile FROM an image it may not build from',
      {
        'B.Containerfile': 'FROM localhost/stackhook/ims-sshd:bookworm\nRUN true\n',
        'stackhook-build.yaml': 'containerfile: B.Containerfile\ncommand: ["true"]\n',
      },
      /B\.Containerfile:1: FROM localhost\/stackhook\/ims-sshd:bookworm is neither an earlier stage nor an image/,
    ],
    [
      'a network access',
      { 'stackhook-build.yaml': 'command: [sh, -c, "getent hosts deb.debian.org || exit 7"]\n' },
      /exited with 7/,
    ],
  ])(
    'ends a job in error for %s',
    async (name, files, reason) => {
      const app = await service(new FilesystemArtifactStore(path.join(dir, 'files')));
      const component = `broken-${name.replaceAll(/[^a-z]/g, '')}`;
      const job = await build(app, component, await repository(`${component}-${Date.now()}`, files));
      expect(job.status).toBe('error');
      expect(job.error).toMatch(reason);
      expect(
        (await app.inject(`/build/component?component=${component}&tag=v1.0&architecture=${ARCH}`))
          .statusCode,
      ).toBe(404);
    },
    600_000,
  );

  it('builds in an image made from the repository’s containerfile, a .in one not run through cpp', async () => {
    const app = await service(new FilesystemArtifactStore(path.join(dir, 'files')));
    // podman runs a Containerfile named *.in through cpp, whose #include would read a file of this machine.
    const secretDir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-include-'));
    const nonce = `include-secret-${Date.now()}`;
    await writeFile(path.join(secretDir, 'secret'), `${nonce}\n`);
    const url = await repository(`builder-${Date.now()}`, {
      'ci/Builder.Containerfile.in': [
        `FROM ${testBaseImage()}`,
        `#include "${path.join(secretDir, 'secret')}"`,
        `RUN echo ${Date.now()} > /etc/builder-marker`,
        '',
      ].join('\n'),
      'stackhook-build.yaml': [
        'containerfile: ci/Builder.Containerfile.in',
        'command: [sh, -c, "cp /etc/builder-marker /out/"]',
        '',
      ].join('\n'),
    });
    const job = await build(app, 'builder', url);
    await rm(secretDir, { recursive: true, force: true });
    const log = (await app.inject(`/build/jobs/${job.id}/log`)).body;
    expect(log).not.toContain(nonce);
    expect(job).toMatchObject({ status: 'success', error: null });
  }, 600_000);

  it('ends a containerfile job with the CVE-2024-1753 exploit in error, before podman sees it', async () => {
    const app = await service(new FilesystemArtifactStore(path.join(dir, 'files')));
    await using escape = await hostEscape(testBaseImage());
    const url = await repository(`escape-${Date.now()}`, {
      'Builder.Containerfile': escape.containerfile,
      'stackhook-build.yaml': 'containerfile: Builder.Containerfile\ncommand: ["true"]\n',
    });
    const job = await build(app, 'escape', url);
    const log = (await app.inject(`/build/jobs/${job.id}/log`)).body;
    // What matters first: nothing of this machine reached the log or the record, and nothing of it changed.
    expect({
      leaked: `${log}${JSON.stringify(job)}`.includes(escape.nonce),
      unchanged: await escape.unchanged(),
    }).toEqual({
      leaked: false,
      unchanged: true,
    });
    expect(job.status).toBe('error');
    expect(job.error).toContain(`Builder.Containerfile:${escape.line}: RUN takes no flags here (--mount)`);
    expect(log).toContain('RUN takes no flags here');
  }, 600_000);

  it('refuses a build file that is a symlink out of the repository', async () => {
    const app = await service(new FilesystemArtifactStore(path.join(dir, 'files')));
    const url = await repository('sneaky', { VERSION: '1\n' }, (source) =>
      symlink('/etc/passwd', path.join(source, 'stackhook-build.yaml')),
    );
    const job = await build(app, 'sneaky', url);
    expect(job.status).toBe('error');
    expect(job.error).toMatch(/must be a regular file, not a link/);
    expect((await app.inject(`/build/jobs/${job.id}/log`)).body).not.toMatch(/root:x:0:0/);
  }, 600_000);

  it('stops a build that runs over its time limit and leaves no container', async () => {
    const app = await service(new FilesystemArtifactStore(path.join(dir, 'files')), { timeoutMs: 3_000 });
    const url = await repository('sleepy', { 'stackhook-build.yaml': 'command: [sleep, "120"]\n' });
    const started = Date.now();
    const job = await build(app, 'sleepy', url);
    expect(job.status).toBe('error');
    expect(job.error).toMatch(/stopped/);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(
      await testEngine().containersWithLabel(`${INSTANCE_LABEL}=${await serviceInstanceId(database.db)}`),
    ).toEqual([]);
  }, 600_000);

  it.each([
    ['a path as component', { component: '../etc' }, /component/],
    ['an option as component', { component: '-x' }, /component/],
    ['.. in the component', { component: 'a..b' }, /body\.component/],
    ['.. in the tag', { tag: 'v1..0' }, /body\.tag/],
    ['an option as tag', { tag: '--upload-pack=touch' }, /tag/],
    ['a ref path as tag', { tag: 'a/../../b' }, /tag/],
    ['an ext:: URL', { git_url: 'ext::sh -c touch% /tmp/pwned' }, /git_url/],
    ['an scp-like URL', { git_url: 'git@example.com:team/widget.git' }, /git_url/],
    ['a scheme not allowed', { git_url: 'ssh://example.com/widget.git' }, /git URLs must use file, not ssh/],
    ['credentials in the URL', { git_url: 'file://user:secret@localhost/x' }, /credentials/],
    ['a token in a query', { git_url: 'https://example.com/w.git?private_token=secret' }, /no query/],
    [
      'a token in an https URL',
      { git_url: 'https://x-access-token:secret@example.com/w.git' },
      /credentials/,
    ],
    ['an architecture not built here', { architecture: ARCH === 'x86_64' ? 'aarch64' : 'x86_64' }, /builds/],
    ['an unknown field', { privileged: true }, /unknown field \\"privileged\\"/],
  ])('refuses %s with a 400 problem', async (_name, fields, detail) => {
    const app = await service(new FilesystemArtifactStore(path.join(dir, 'files')));
    const response = await post(app, {
      git_url: 'file:///nowhere',
      component: 'widget2',
      tag: 'v1.0',
      architecture: ARCH,
      ...fields,
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.stringify(response.json())).toMatch(detail);
    expect(JSON.stringify(response.json())).not.toMatch(/secret/);
  });

  it('clones https only by default', async () => {
    const app = await service(new FilesystemArtifactStore(path.join(dir, 'files')), { schemes: ['https'] });
    const url = await repository('local-only', { 'stackhook-build.yaml': WIDGET_BUILD });
    const response = await post(app, {
      git_url: url,
      component: 'localonly',
      tag: 'v1.0',
      architecture: ARCH,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ detail: 'git URLs must use https, not file' });
  });

  it('needs a writer key to build', async () => {
    const app = await service(new FilesystemArtifactStore(path.join(dir, 'files')));
    const response = await post(
      app,
      { git_url: 'file:///x', component: 'w', tag: 'v1', architecture: ARCH },
      {},
    );
    expect(response.statusCode).toBe(401);
  });
});
