// npm run bench -- ims-upload [--uploads N] [--size MiB] [--before <src folder>]: N concurrent recipe archive
// uploads of M MiB each (PUT /ims/v3/recipes/{id}/archive over a real port, chunked, streamed from the client
// without holding the bodies), against a service in a child process of its own, so that its RSS is the
// service's alone: the growth is its peak RSS (sampled every 10 ms) minus its RSS after one small upload.
// Filesystem store and S3 (s3rver, in this process). With --before, the same runs against another checkout's
// src/ (for instance `git archive <commit> src package.json tsconfig.json | tar -x -C <dir>` with a node_modules
// link), row by row beside this one's.
import { mkdtemp } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { execaNode, getEachMessage, sendMessage } from 'execa';
import { startS3rver } from '../test/support/start-s3rver.js';

const MiB = 1024 * 1024;
interface Ready {
  origin: string;
  key: string;
}
interface Peak {
  baseline: number;
  peak: number;
}

const { values } = parseArgs({
  options: {
    uploads: { type: 'string', default: '6' },
    size: { type: 'string', default: '60' },
    before: { type: 'string' },
  },
  // The child, a service, takes no arguments.
  strict: !process.env.STACKHOOK_BENCH_SERVICE,
});
const uploads = Number(values.uploads);
const size = Number(values.size);

if (process.env.STACKHOOK_BENCH_SERVICE) await serve(JSON.parse(process.env.STACKHOOK_BENCH_SERVICE));
else await measureAll();

/** The child: a service on a SQLite file and the given store, reporting its RSS when asked. */
async function serve(options: { src: string; s3?: { bucket: string; client: object } }) {
  const load = (file: string) => import(pathToFileURL(path.join(options.src, file)).href);
  const { buildServiceApp } = await load('server/build-service-app.ts');
  const { openServiceDatabase } = await load('server/open-service-database.ts');
  const { createApiKey } = await load('service/auth/api-keys.ts');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-bench-upload-'));
  const { db } = await openServiceDatabase(path.join(dir, 'c.sqlite'));
  const store = options.s3
    ? new (await load('artifacts/s3-artifact-store.ts')).S3ArtifactStore({
        ...options.s3,
        prefix: `bench-${Date.now()}`,
      })
    : new (await load('artifacts/filesystem-artifact-store.ts')).FilesystemArtifactStore(
        path.join(dir, 'artifacts'),
      );
  const app = await buildServiceApp({ db, artifacts: store, archiveLimit: 1024 * MiB });
  const key = await createApiKey(db, 'bench', 'writer');
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  let baseline = 0;
  let peak = 0;
  setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10).unref();
  void (async () => {
    for await (const message of getEachMessage()) {
      if (message === 'baseline') peak = baseline = process.memoryUsage.rss();
      if (message === 'peak') await sendMessage({ baseline, peak } satisfies Peak);
      if (message === 'exit') process.exit(0);
    }
  })();
  await sendMessage({ origin, key } satisfies Ready);
}

/** One upload, its body made as it is sent (1 MiB chunks of one random buffer behind gzip's magic). */
function upload(ready: Ready, id: string, size: number): Promise<number> {
  const chunk = Buffer.alloc(MiB, Math.random() * 255);
  chunk[0] = 0x1f;
  chunk[1] = 0x8b;
  return new Promise((resolve, reject) => {
    const url = new URL(`${ready.origin}/ims/v3/recipes/${id}/archive`);
    const request = http.request(url, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ready.key}`, 'content-type': 'application/gzip' },
    });
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode!));
    });
    request.on('error', reject);
    void (async () => {
      for (let sent = 0; sent < size; sent += MiB)
        if (!request.write(chunk)) await new Promise((drained) => request.once('drain', drained));
      request.end();
    })();
  });
}

async function run(label: string, src: string, s3: Awaited<ReturnType<typeof startS3rver>> | undefined) {
  const child = execaNode(fileURLToPath(import.meta.url), [], {
    nodeOptions: ['--import', 'tsx'],
    ipc: true,
    stdout: 'inherit',
    stderr: 'inherit',
    env: {
      STACKHOOK_BENCH_SERVICE: JSON.stringify({ src, s3: s3 && { bucket: s3.bucket, client: s3.client } }),
    },
  });
  const next = async <T>() => (await child.getOneMessage()) as unknown as T;
  const ready = await next<Ready>();
  const newRecipe = async () => {
    const response = await fetch(`${ready.origin}/ims/v3/recipes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ready.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench', recipe_type: 'containerfile', linux_distribution: 'debian' }),
    });
    return ((await response.json()) as { id: string }).id;
  };
  await upload(ready, await newRecipe(), MiB); // warm-up: the upload path's code loaded and run once
  await child.sendMessage('baseline');
  const ids = await Promise.all(Array.from({ length: uploads }, newRecipe));
  const started = performance.now();
  const statuses = await Promise.all(ids.map((id) => upload(ready, id, size * MiB)));
  const seconds = (performance.now() - started) / 1000;
  await new Promise((settle) => setTimeout(settle, 100));
  await child.sendMessage('peak');
  const { baseline, peak } = await next<Peak>();
  await child.sendMessage('exit');
  await child.catch(() => undefined);
  const ok = statuses.filter((status) => status === 200).length;
  console.log(
    `${label.padEnd(24)} ${String(ok).padStart(3)}/${uploads} ${(baseline / MiB).toFixed(0).padStart(12)} ${(peak / MiB).toFixed(0).padStart(9)} ${((peak - baseline) / MiB).toFixed(0).padStart(11)} ${((uploads * size) / seconds).toFixed(0).padStart(9)}`,
  );
}

async function measureAll() {
  const s3 = await startS3rver();
  console.log(
    `bench/ims-upload: ${uploads} concurrent uploads of ${size} MiB, real port, service in its own process, ${os.availableParallelism()} cores`,
  );
  console.log(
    `${'code, store'.padEnd(24)} ${'200s'.padStart(7)} ${'RSS before'.padStart(12)} ${'peak MiB'.padStart(9)} ${'growth MiB'.padStart(11)} ${'MiB/s'.padStart(9)}`,
  );
  const here = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');
  const trees = [...(values.before ? [['before', path.resolve(String(values.before))]] : []), ['this', here]];
  for (const [name, src] of trees) {
    await run(`${name}, files`, src!, undefined);
    await run(`${name}, s3`, src!, s3);
  }
  await s3[Symbol.asyncDispose]();
}
