import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ResultPromise } from 'execa';
import { sql } from 'kysely';
import { openServiceDatabase } from '../../src/server/open-service-database.js';
import { startCli } from '../support/run-cli.js';
import { servedAddress } from '../support/served-address.js';

// Issue 13 point 6: `stackhook serve` logs every 5xx to stderr with the request id its problem names, and (at its
// default level) not every request. No podman here (STACKHOOK_PODMAN points nowhere): the catalog needs none,
// and this service's start-up clean-up then touches no job container of any other test.
let server: ResultPromise;
let address: string;
let database: string;
let stderr = '';
/** No podman for this service: none of the test scripts' podman, socket, runtime check or state is passed on. */
const NO_PODMAN = {
  STACKHOOK_PODMAN: '/nonexistent/podman',
  STACKHOOK_PODMAN_SOCKET: undefined,
  STACKHOOK_RUNTIME_CHECKED: undefined,
} as unknown as Record<string, string>;

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-serve-log-'));
  database = path.join(dir, 'catalog.sqlite');
  NO_PODMAN.STACKHOOK_STATE_DIR = path.join(dir, 'state');
  server = startCli(['serve', '--database', database, '--port', '0'], os.tmpdir(), {
    env: NO_PODMAN,
  });
  server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  address = await servedAddress(server);
});
afterAll(() => {
  server?.kill('SIGKILL');
});

/** The JSON lines fastify's logger wrote. */
const logLines = () =>
  stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; reqId?: string; err?: { message: string } });

it('logs a 5xx with the request id the problem gives, and no request that went well', async () => {
  expect((await fetch(new URL('/api/v1/images', address))).status).toBe(200);
  expect((await fetch(new URL('/api/v1/images?offset=1e20', address))).status).toBe(400);
  // A failure the service can't foresee: its table is gone.
  const { db } = await openServiceDatabase(database);
  await sql`drop table image`.execute(db);
  await db.destroy();
  const failed = await fetch(new URL('/api/v1/images', address));
  expect(failed.status).toBe(500);
  const { requestId, detail } = (await failed.json()) as { requestId: string; detail: string };
  expect(detail).toContain(requestId);
  for (let tries = 0; tries < 50 && !logLines().some((line) => line.reqId === requestId); tries++)
    await new Promise((resolve) => setTimeout(resolve, 100));
  const lines = logLines();
  expect(lines.find((line) => line.reqId === requestId)).toMatchObject({
    level: 50,
    err: { message: expect.stringContaining('no such table: image') },
  });
  expect(lines.filter((line) => line.level < 40)).toEqual([]);
  expect(lines).toHaveLength(1);
});

it('refuses an unknown --log-level with exit 2', async () => {
  const result = await startCli(['serve', '--database', database, '--log-level', 'loud'], os.tmpdir(), {
    env: NO_PODMAN,
  });
  expect(result.exitCode).toBe(2);
  expect(String(result.stderr)).toContain('not a log level: "loud"');
});
