import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ResultPromise } from 'execa';
import { openServiceDatabase } from '../../src/server/open-service-database.js';
import { CATALOG_DATABASES } from '../catalog/catalog-databases.js';
import type { RunningContainer } from '../../src/engine/running-container.js';
import { INSTANCE_LABEL, serviceInstanceId } from '../../src/service/jobs/service-instance-id.js';
import { startCli } from '../support/run-cli.js';
import { testBaseImage, testEngine } from '../support/test-engine.js';
import { servedAddress } from '../support/served-address.js';

// Two services on one machine, each with its own database: a service's start removes the job containers it
// left behind, and never another service's (a customize session of service A survives service B's start).
const engine = testEngine();
const started: ResultPromise[] = [];
const containers: RunningContainer[] = [];

/**
 * `stackhook serve` on `database`, resolved once it listens (its start-up clean-up is done by then). In an
 * object: a process is a thenable, which an async function would wait on.
 */
async function serve(database: string): Promise<{ server: ResultPromise }> {
  const artifacts = path.join(path.dirname(database), 'artifacts');
  const server = startCli(
    ['serve', '--database', database, '--artifacts', artifacts, '--port', '0'],
    os.tmpdir(),
  );
  started.push(server);
  await servedAddress(server);
  return { server };
}

async function stop({ server }: { server: ResultPromise }): Promise<void> {
  server.kill('SIGTERM');
  await server;
}

/** A job container as service `instanceId`'s customize job leaves it when the service dies under it. */
async function leftoverJobContainer(instanceId: string): Promise<RunningContainer> {
  const container = await engine.startContainer({
    subject: 'a customize job of service A',
    image: testBaseImage(),
    argv: ['sleep', 'infinity'],
    labels: { 'io.stackhook.ims.job': 'a-job-of-a', [INSTANCE_LABEL]: instanceId },
  });
  containers.push(container);
  return container;
}

afterAll(async () => {
  for (const server of started) server.kill('SIGKILL');
  for (const container of containers) await container[Symbol.asyncDispose]();
});

describe('the start-up clean-up of job containers', () => {
  it("removes only its own service's containers: A's survive B's start, and go at A's restart", async () => {
    const databaseA = path.join(await mkdtemp(path.join(os.tmpdir(), 'stackhook-service-a-')), 'a.sqlite');
    const databaseB = path.join(await mkdtemp(path.join(os.tmpdir(), 'stackhook-service-b-')), 'b.sqlite');
    const a = await serve(databaseA);
    // A's instance id, as A stored it at its first start.
    const opened = await openServiceDatabase(databaseA);
    const instanceA = await serviceInstanceId(opened.db);
    await opened.db.destroy();
    const container = await leftoverJobContainer(instanceA);
    expect(await container.running()).toBe(true);

    await stop(await serve(databaseB));
    expect(await container.running()).toBe(true);

    await stop(a);
    expect(await container.running()).toBe(true);
    const restarted = await serve(databaseA);
    expect(await engine.containersWithLabel(`${INSTANCE_LABEL}=${instanceA}`)).toEqual([]);
    expect(await container.running()).toBe(false);
    await stop(restarted);
  }, 180_000);

  it.each(CATALOG_DATABASES)(
    'keeps one instance id per database ($name), also when asked at once',
    async ({ open }) => {
      const first = await open();
      const ids = await Promise.all(Array.from({ length: 8 }, () => serviceInstanceId(first.db)));
      expect(new Set(ids).size).toBe(1);
      expect(await serviceInstanceId(first.db)).toBe(ids[0]);
      await first.db.destroy();
      const other = await open();
      expect(await serviceInstanceId(other.db)).not.toBe(ids[0]);
      await other.db.destroy();
    },
  );
});
