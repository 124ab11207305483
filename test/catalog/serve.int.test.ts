import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ResultPromise } from 'execa';
import { buildahAdvisories } from '../../src/engine/buildah-advisories.js';
import { runCli, startCli } from '../support/run-cli.js';
import { testEngine } from '../support/test-engine.js';
import { servedAddress } from '../support/served-address.js';

// The service over a real port, started and stopped as a user would: `stackhook serve`, `stackhook ami`.
let database: string;
let server: ResultPromise;
let address: string;

async function serve(): Promise<void> {
  server = startCli(['serve', '--database', database, '--port', '0'], os.tmpdir());
  address = await servedAddress(server);
}
let key: string;
const ami = (...words: string[]) =>
  runCli(['ami', ...words, '--catalog', address], os.tmpdir(), { env: { STACKHOOK_CATALOG_KEY: key } });
const addSwTag = [
  'AddSWTag',
  '-TAGTYPE=container',
  '-IMAGETYPE=analysis',
  '-IMAGEARCH=x86_64',
  '-IMAGEPLATFORM=el9',
  '-IMAGECOMPILER=gcc13',
  '-PRODSTEP=reco',
  '-SWRELEASE=Athena 24.0.1',
  '-DBRELEASE=current',
  '-DISTSWRELEASE=default',
  '-VERSION=1',
];

beforeAll(async () => {
  database = path.join(await mkdtemp(path.join(os.tmpdir(), 'stackhook-serve-')), 'catalog.sqlite');
  const created = await runCli(
    ['catalog', 'keys', 'create', '--user', 'ops', '--role', 'writer', '--database', database],
    os.tmpdir(),
  );
  key = created.stdout.trim();
  expect(key).toMatch(/^shk_[0-9a-f]{12}_\S{43}$/);
  await serve();
});
afterAll(() => {
  server?.kill('SIGKILL');
});

describe('stackhook serve and stackhook ami', () => {
  it('runs AMI commands from the command line, values with spaces included', async () => {
    const added = await ami(...addSwTag);
    expect(added.exitCode).toBe(0);
    expect(added.stdout).toContain('    -> TAGNAME = "sw1"');
    const info = await ami('GetSWTagInfo', '-swTag=sw1', '--converter', 'csv');
    expect(info.stdout).toMatch(/^ID,TAGTYPE,/);
    expect(info.stdout).toContain('Athena 24.0.1');
    const missing = await ami('GetSWTagInfo', '-swTag=sw9');
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('no SW-Tag sw9');
  });

  it('keeps every acknowledged write through a kill -9 in the middle of writes', async () => {
    const acknowledged: string[] = [];
    let failed = 0;
    // Four writers, each sending AddImage after AddImage until the server is gone.
    const writer = async (lane: number) => {
      for (let n = 0; n < 5000; n++) {
        const digest = `sha256:${lane.toString(16)}${n.toString(16).padStart(63, '0')}`;
        const body = {
          REGISTRY: 'r.example.org',
          REPOSITORY_USER: 'atlas',
          REPOSITORY_NAME: 'athena',
          REPOSITORY_SWTAG: 'sw1',
          HASH_DIGEST: digest,
        };
        try {
          const response = await fetch(`${address}/api/v1/images`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
            body: JSON.stringify(body),
          });
          if (response.status === 201) acknowledged.push(digest);
        } catch {
          failed++;
          return;
        }
      }
    };
    const writing = Promise.all([1, 2, 3, 4].map(writer));
    await new Promise((resolve) => setTimeout(resolve, 500));
    server.kill('SIGKILL');
    await writing;
    await server.catch(() => undefined);
    // The kill really came in the middle: writes had been acknowledged and others were cut off.
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(failed).toBeGreaterThan(0);
    await serve();
    const stored = await fetch(`${address}/api/v1/images?limit=1000&REPOSITORY_SWTAG=sw1`).then(
      (response) =>
        response.json() as Promise<{
          total: number;
          rows: { HASH_DIGEST: string; REPOSITORY_COUNTER: number }[];
        }>,
    );
    const all = new Set<string>();
    for (let offset = 0; offset < stored.total; offset += 1000) {
      const page = await fetch(`${address}/api/v1/images?limit=1000&offset=${offset}`).then(
        (response) => response.json() as Promise<{ rows: { HASH_DIGEST: string }[] }>,
      );
      for (const row of page.rows) all.add(row.HASH_DIGEST);
    }
    for (const digest of acknowledged) expect(all.has(digest)).toBe(true);
  });

  it('stops cleanly on SIGTERM', async () => {
    server.kill('SIGTERM');
    const result = await server;
    expect(result.exitCode).toBe(0);
    // And it said at start whether this machine's buildah lets RUN --mount reach the machine (1.28 does).
    const version = (await testEngine().builderVersion())!;
    const warning = `podman builds with buildah ${version}, open to ${buildahAdvisories(version)[0]?.id}`;
    if (buildahAdvisories(version).length > 0) expect(result.stderr).toContain(warning);
    else expect(result.stderr).not.toContain('podman builds with buildah');
  });
});
