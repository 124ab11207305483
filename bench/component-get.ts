// npm run bench -- component-get [--requests N] [--concurrency C] [--size MiB]: GET /build/component of a
// component that exists, over a real port, against the filesystem store (the tarball streamed back) and S3
// (s3rver: a 303 to a presigned URL, not followed). The component is built once per store through the API
// with podman first. Prints latency percentiles per store, and the ratio between them.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import type { ArtifactStore } from '../src/artifacts/artifact-store.js';
import { FilesystemArtifactStore } from '../src/artifacts/filesystem-artifact-store.js';
import { S3ArtifactStore } from '../src/artifacts/s3-artifact-store.js';
import { ensureImage } from '../src/base-image/ensure-image.js';
import { ComponentBuilds } from '../src/buildapi/component/component-builds.js';
import { createApiKey } from '../src/service/auth/api-keys.js';
import { buildServiceApp } from '../src/server/build-service-app.js';
import { openServiceDatabase } from '../src/server/open-service-database.js';
import { prepareEnvironment } from '../src/environment/prepare-environment.js';
import { hostPlatform } from '../src/hierarchy/platform.js';
import { SilentLog } from '../src/log/silent-log.js';
import { StreamLog } from '../src/log/stream-log.js';
import { startS3rver } from '../test/support/start-s3rver.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '1' },
    size: { type: 'string', default: '1' },
  },
});
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const log = new StreamLog({ timestamps: false });
const { engine } = await prepareEnvironment({ log, provision: true });
const image = 'localhost/stackhook/debootstrap:bookworm-minbase';
await ensureImage(engine, image, log);
const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-bench-components-'));
const { db } = await openServiceDatabase(path.join(dir, 'c.sqlite'));
const key = await createApiKey(db, 'bench', 'writer');
const architecture = hostPlatform();

// A component whose build leaves `size` MiB of random bytes (incompressible: the tarball is that big too).
const repo = path.join(dir, 'repo');
await mkdir(repo);
await writeFile(
  path.join(repo, 'stackhook-build.yaml'),
  `command: [sh, -c, "head -c ${Number(values.size) * 1048576} /dev/urandom > /out/blob"]\n`,
);
for (const args of [
  ['init', '-q'],
  ['add', '-A'],
  ['-c', 'user.name=b', '-c', 'user.email=b@x', 'commit', '-qm', 'c'],
  ['tag', 'v1'],
])
  await execa('git', args, { cwd: repo });

async function measure(name: string, store: ArtifactStore) {
  const app = await buildServiceApp({
    db,
    artifacts: store,
    componentBuilds: (context) =>
      new ComponentBuilds({
        ...context,
        engine,
        store,
        log: new SilentLog(),
        schemes: ['file'],
        defaultImage: image,
      }),
  });
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  const component = `bench-${name}`;
  const query = `${origin}/build/component?component=${component}&tag=v1&architecture=${architecture}`;
  const started = await fetch(`${origin}/build/component`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ git_url: `file://${repo}`, component, tag: 'v1', architecture }),
  });
  const job = (await started.json()) as { id: string };
  for (;;) {
    const status = ((await (await fetch(`${origin}/build/jobs/${job.id}`)).json()) as { status: string })
      .status;
    if (status === 'success') break;
    if (status === 'error') throw new Error(`build job ${job.id} failed`);
    await sleep(200);
  }
  const get = async () => {
    const t = performance.now();
    const response = await fetch(query, { redirect: 'manual' });
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200 && response.status !== 303) throw new Error(`GET: ${response.status}`);
    return { ms: performance.now() - t, bytes: body.length, status: response.status };
  };
  for (let i = 0; i < 50; i++) await get(); // warm-up
  const samples: number[] = [];
  let status = 0;
  let bytes = 0;
  const wall = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        next += 1;
        const sample = await get();
        samples.push(sample.ms);
        status = sample.status;
        bytes = sample.bytes;
      }
    }),
  );
  const seconds = (performance.now() - wall) / 1000;
  await app.close();
  samples.sort((a, b) => a - b);
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.ceil((p / 100) * samples.length) - 1)]!;
  return {
    name,
    status,
    bytes,
    p50: at(50),
    p90: at(90),
    p99: at(99),
    max: samples.at(-1)!,
    rate: requests / seconds,
  };
}

const s3 = await startS3rver();
const results = [
  await measure('files', new FilesystemArtifactStore(path.join(dir, 'artifacts'))),
  await measure('s3', new S3ArtifactStore({ bucket: s3.bucket, prefix: 'bench', client: s3.client })),
];
console.log(
  `bench/component-get: ${requests} GETs of an existing component (${values.size} MiB tarball), ${concurrency} at a time, real port, ${os.availableParallelism()} cores`,
);
console.log(
  `${'store'.padEnd(34)} ${'p50 ms'.padStart(8)} ${'p90 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'req/s'.padStart(8)}`,
);
for (const result of results) {
  const label =
    result.status === 303
      ? `${result.name} (303 to a presigned URL)`
      : `${result.name} (${result.bytes} bytes streamed)`;
  console.log(
    `${label.padEnd(34)} ${[result.p50, result.p90, result.p99, result.max, result.rate].map((n) => n.toFixed(2).padStart(8)).join(' ')}`,
  );
}
console.log(`p99 ratio files/s3: ${(results[0]!.p99 / results[1]!.p99).toFixed(2)}`);
await db.destroy();
await s3[Symbol.asyncDispose]();
