import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { FastifyInstance } from 'fastify';
import { S3ArtifactStore } from '../../src/artifacts/s3-artifact-store.js';
import type { JobRecord } from '../../src/ims/jobs/job-repository.js';
import { PodmanJobRunner } from '../../src/ims/jobs/podman-job-runner.js';
import type { BuildNodeAccess } from '../../src/ims/nodes/build-node-access.js';
import type { RemoteBuildNodeStatus } from '../../src/ims/nodes/node-status.js';
import { SilentLog } from '../../src/log/silent-log.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import { openServiceDatabase, type ServiceDatabase } from '../../src/server/open-service-database.js';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { JobSlots } from '../../src/service/jobs/job-slots.js';
import type { LoopbackBuildNodes } from '../support/loopback-build-nodes.js';
import { startS3rver } from '../support/start-s3rver.js';
import { testEngine } from '../support/test-engine.js';

// IMS remote build nodes: two sshds on loopback (started by `npm test`), each in front of a podman with its own
// storage. Records by xname, their status over ssh, and create jobs spread over both through podman's remote
// API (`podman --url ssh://...`).
const loopback = JSON.parse(process.env.STACKHOOK_TEST_BUILD_NODES ?? 'null') as LoopbackBuildNodes | null;
if (!loopback) throw new Error('STACKHOOK_TEST_BUILD_NODES is set by `npm test`');
const [node0, node1] = loopback.nodes as [LoopbackBuildNodes['nodes'][0], LoopbackBuildNodes['nodes'][0]];
/** An xname whose ssh port nothing listens on. */
const DOWN = 'x9000c0s9b0n0';

let s3: Awaited<ReturnType<typeof startS3rver>>;
let database: ServiceDatabase;
let app: FastifyInstance;
let runner: PodmanJobRunner | undefined;
let admin: string;
let writer: string;

const as = (key: string) => ({ authorization: `Bearer ${key}` });
const podmanEnv: Record<string, string> = process.env.CONTAINERS_CONF
  ? { CONTAINERS_CONF: process.env.CONTAINERS_CONF }
  : {};

/** podman of a node, run here against its own storage (what the node holds, seen from the node's side). */
const onNode = (node: typeof node0, args: string[]) =>
  execa(process.env.STACKHOOK_PODMAN!, ['--root', node.root, '--runroot', node.runroot, ...args], {
    env: podmanEnv,
    reject: false,
  });

beforeAll(async () => {
  s3 = await startS3rver();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-nodes-'));
  database = await openServiceDatabase(path.join(dir, 'n.sqlite'));
  const store = new S3ArtifactStore({ bucket: s3.bucket, prefix: `nodes-${Date.now()}`, client: s3.client });
  admin = await createApiKey(database.db, 'ada', 'admin');
  writer = await createApiKey(database.db, 'wendy', 'writer');
  await mkdir(path.join(dir, 'home', '.ssh'), { recursive: true });
  const access: BuildNodeAccess = {
    identity: loopback.key,
    user: 'root',
    port: 22,
    socketPath: node0.socket,
    home: path.join(dir, 'home'),
    hosts: {
      [node0.xname]: `${node0.address}${node0.socket}`,
      [node1.xname]: `${node1.address}${node1.socket}`,
      [DOWN]: '127.0.0.1:1',
    },
  };
  const engine = testEngine();
  app = await buildServiceApp({
    db: database.db,
    artifacts: store,
    buildNodes: { podman: { binary: process.env.STACKHOOK_PODMAN!, env: podmanEnv }, access },
    jobRunner: (context) =>
      (runner = new PodmanJobRunner({
        ...context,
        engine,
        store,
        log: new SilentLog(),
        slots: new JobSlots(2),
      })),
  });
});
afterAll(async () => {
  await runner?.close();
  await app?.close();
  await database?.db.destroy();
  await s3?.[Symbol.asyncDispose]();
});

const register = (xname: string, key = admin) =>
  app.inject({ method: 'POST', url: '/ims/v3/remote-build-nodes', headers: as(key), payload: { xname } });

describe('remote build node records', () => {
  it('are registered by an admin, listed, fetched and deleted by xname', async () => {
    expect((await register('x3000c1s10b1n0', writer)).statusCode).toBe(403);
    const created = await register('x3000c1s10b1n0');
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ xname: 'x3000c1s10b1n0' });
    expect((await register('x3000c1s10b1n0')).statusCode).toBe(201); // again: still one record
    expect((await register('x3000c1s10b1n1')).statusCode).toBe(201);
    expect((await app.inject('/ims/v3/remote-build-nodes')).json()).toEqual([
      { xname: 'x3000c1s10b1n0' },
      { xname: 'x3000c1s10b1n1' },
    ]);
    expect((await app.inject('/ims/v3/remote-build-nodes/x3000c1s10b1n1')).json()).toEqual({
      xname: 'x3000c1s10b1n1',
    });
    expect((await app.inject('/ims/v3/remote-build-nodes/x1')).statusCode).toBe(404);
    const del = (url: string) => app.inject({ method: 'DELETE', url, headers: as(admin) });
    expect((await del('/ims/v3/remote-build-nodes/x3000c1s10b1n1')).statusCode).toBe(204);
    expect((await del('/ims/v3/remote-build-nodes/x3000c1s10b1n1')).statusCode).toBe(404);
    expect((await del('/ims/v3/remote-build-nodes')).statusCode).toBe(204);
    expect((await app.inject('/ims/v3/remote-build-nodes')).json()).toEqual([]);
  });

  it('refuse an xname that is no host name, and unknown fields', async () => {
    for (const xname of ['-oProxyCommand=touch /tmp/x', 'a b', 'root@host', '']) {
      const answer = await register(xname);
      expect(answer.statusCode).toBeGreaterThanOrEqual(400);
      expect(answer.statusCode).toBeLessThan(500);
    }
    const extra = await app.inject({
      method: 'POST',
      url: '/ims/v3/remote-build-nodes',
      headers: as(admin),
      payload: { xname: 'x1', arch: 'x86_64' },
    });
    expect(extra.statusCode).toBeGreaterThanOrEqual(400);
    expect((await app.inject('/ims/v3/remote-build-nodes')).json()).toEqual([]);
  });
});

afterEach(async () => {
  await app.inject({ method: 'DELETE', url: '/ims/v3/remote-build-nodes', headers: as(admin) });
});

describe('remote build node status', () => {
  it('reports ssh, architecture, podman and jobs of each node, and an unreachable one as unable', async () => {
    for (const xname of [node0.xname, DOWN]) expect((await register(xname)).statusCode).toBe(201);
    const statuses = (
      await app.inject('/ims/v3/remote-build-nodes/status')
    ).json() as RemoteBuildNodeStatus[];
    const up = statuses.find((status) => status.xname === node0.xname)!;
    expect(up).toMatchObject({
      sshStatus: 'SSH connection established.',
      nodeArch: os.arch() === 'arm64' ? 'aarch64' : 'x86_64',
      numCurrentJobs: 0,
      ableToRunJobs: true,
    });
    expect(up.podmanStatus).toMatch(/^Podman \d+\.\d+\.\d+ answers at /);
    const down = statuses.find((status) => status.xname === DOWN)!;
    expect(down.ableToRunJobs).toBe(false);
    expect(down.sshStatus).toMatch(/^Unable to connect to node\. Error: .*refused/);
    const one = await app.inject(`/ims/v3/remote-build-nodes/status/${node0.xname}`);
    expect(one.json()).toEqual([up]);
    expect((await app.inject('/ims/v3/remote-build-nodes/status/x1')).statusCode).toBe(404);
  }, 60_000);
});

/** A debootstrap recipe whose script marks the root and takes a while (so both jobs run at once). */
async function recipe(): Promise<string> {
  const created = await app.inject({
    method: 'POST',
    url: '/ims/v3/recipes',
    headers: as(writer),
    payload: {
      name: 'spread',
      recipe_type: 'debootstrap',
      linux_distribution: 'debian',
      template_dictionary: [
        { key: 'suite', value: 'bookworm' },
        { key: 'variant', value: 'minbase' },
      ],
    },
  });
  const id = (created.json() as { id: string }).id;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-recipe-'));
  await mkdir(path.join(dir, 'scripts'));
  await writeFile(path.join(dir, 'scripts', '10-mark.sh'), 'sleep 6\nhostname > /etc/built-on\n');
  const archive = `${dir}.tar.gz`;
  await execa('tar', ['--create', '--gzip', '--file', archive, '--directory', dir, 'scripts']);
  const put = await app.inject({
    method: 'PUT',
    url: `/ims/v3/recipes/${id}/archive`,
    headers: { ...as(writer), 'content-type': 'application/gzip' },
    payload: await readFile(archive),
  });
  expect(put.statusCode).toBeLessThan(300);
  return id;
}

describe('create jobs on remote build nodes', () => {
  it('spread over the registered nodes and run through each node’s podman over ssh', async () => {
    for (const node of [node0, node1])
      await onNode(node, ['rmi', '--force', 'localhost/stackhook/debootstrap:bookworm-minbase']);
    expect((await register(node0.xname)).statusCode).toBe(201);
    expect((await register(node1.xname)).statusCode).toBe(201);
    const recipeId = await recipe();
    const jobs: JobRecord[] = [];
    for (const name of ['spread-a', 'spread-b']) {
      const started = await app.inject({
        method: 'POST',
        url: '/ims/v3/jobs',
        headers: as(writer),
        payload: { job_type: 'create', artifact_id: recipeId, image_root_archive_name: name },
      });
      expect(started.statusCode).toBe(201);
      jobs.push(started.json() as JobRecord);
    }
    // While both build: each node runs one of them.
    let busy: number[] = [];
    for (const deadline = Date.now() + 60_000; Date.now() < deadline && busy.join() !== '1,1';) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const statuses = (
        await app.inject('/ims/v3/remote-build-nodes/status')
      ).json() as RemoteBuildNodeStatus[];
      busy = statuses.map((status) => status.numCurrentJobs);
    }
    expect(busy).toEqual([1, 1]);
    await runner!.idle();
    const logs: string[] = [];
    for (const job of jobs) {
      const record = (await app.inject(`/ims/v3/jobs/${job.id}`)).json() as JobRecord;
      expect(record).toMatchObject({ status: 'success', error: null });
      logs.push((await app.inject(`/ims/v3/jobs/${job.id}/log`)).body);
    }
    const placed = logs.map((log) => /on remote build node (\S+)/.exec(log)?.[1]).sort();
    expect(placed).toEqual([node0.xname, node1.xname].sort());
    // Each node's own storage got the base image (copied there) and kept no job image; this machine's podman
    // never built them.
    for (const node of [node0, node1]) {
      expect(
        (await onNode(node, ['image', 'exists', 'localhost/stackhook/debootstrap:bookworm-minbase']))
          .exitCode,
      ).toBe(0);
      for (const job of jobs)
        expect(
          (await onNode(node, ['image', 'exists', `localhost/stackhook/ims-job:${job.id}`])).exitCode,
        ).toBe(1);
    }
    const statuses = (
      await app.inject('/ims/v3/remote-build-nodes/status')
    ).json() as RemoteBuildNodeStatus[];
    expect(statuses.map((status) => status.numCurrentJobs)).toEqual([0, 0]);
  }, 900_000);
});
