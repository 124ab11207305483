// bench/catalog: 100k images over 10k SW-Tags; GetSWTagInfo and ListImagesForSWTag over HTTP under load
// (autocannon) next to the same queries run straight on the database, in one run.
//   npm run bench -- catalog [--swtags 10000] [--images 100000] [--seconds 10] [--connections 20] [--database url]
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { buildServiceApp } from '../src/server/build-service-app.js';
import { openServiceDatabase } from '../src/server/open-service-database.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    swtags: { type: 'string', default: '10000' },
    images: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    database: { type: 'string' },
  },
});
const swtags = Number(values.swtags);
const images = Number(values.images);
const location =
  values.database ??
  path.join(await mkdtemp(path.join(os.tmpdir(), 'stackhook-bench-catalog-')), 'catalog.sqlite');
const { db, dialect } = await openServiceDatabase(location);

// Seed in large transactions: what is measured is reading, not loading.
const now = new Date().toISOString();
const started = performance.now();
await db.transaction().execute(async (trx) => {
  for (let first = 1; first <= swtags; first += 1000) {
    // prettier-ignore
    const rows = Array.from({ length: Math.min(1000, swtags - first + 1) }, (_, i) => {
      const n = first + i;
      return {
        tagtype: 'container', tagnumber: n, tagname: `sw${n}`, imagetype: 'analysis', imagearch: n % 2 ? 'x86_64' : 'aarch64',
        imageplatform: 'el9', imagecompiler: 'gcc13', prodstep: 'reco', swrelease: `Athena-24.0.${n}`, dbrelease: 'current',
        distswrelease: 'default', version: '1', comment: '', created: now, createdby: 'bench', modified: now, modifiedby: 'bench',
      };
    });
    await trx.insertInto('swtag').values(rows).execute();
  }
  await trx.insertInto('counter').values({ name: 'swtag', value: swtags }).execute();
  for (let first = 0; first < images; first += 1000) {
    // prettier-ignore
    const rows = Array.from({ length: Math.min(1000, images - first) }, (_, i) => {
      const n = first + i;
      const tag = (n % swtags) + 1;
      return {
        registry: 'registry.example.org', repository_user: 'atlas', repository_name: 'athena', repository_swtag: `sw${tag}`,
        repository_counter: Math.floor(n / swtags), hash_digest: `sha256:${n.toString(16).padStart(64, '0')}`,
        created: now, createdby: 'bench', modified: now, modifiedby: 'bench',
      };
    });
    await trx.insertInto('image').values(rows).execute();
  }
});
console.log(
  `bench/catalog: ${dialect}, ${swtags} SW-Tags, ${images} images (seeded in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
);

const app = await buildServiceApp({ db });
const address = await app.listen({ host: '127.0.0.1', port: 0 });
const randomTag = () => `sw${1 + Math.floor(Math.random() * swtags)}`;

/** The same query straight on the database, sequentially, for the overhead ratio. */
async function direct(
  query: (tag: string) => Promise<unknown>,
  count = 5000,
): Promise<{ p50: number; p99: number; rps: number }> {
  const times: number[] = [];
  const begin = performance.now();
  for (let n = 0; n < count; n++) {
    const t = performance.now();
    await query(randomTag());
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return {
    p50: times[Math.floor(count / 2)]!,
    p99: times[Math.floor(count * 0.99)]!,
    rps: count / ((performance.now() - begin) / 1000),
  };
}

async function overHttp(pathFor: () => string): Promise<{ p50: number; p99: number; rps: number }> {
  const result = await autocannon({
    url: address,
    connections: Number(values.connections),
    duration: Number(values.seconds),
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: pathFor() }) }],
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
  return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average };
}

const queries = [
  {
    name: 'GetSWTagInfo',
    http: () => overHttp(() => `/api/v1/swtags/${randomTag()}`),
    db: () =>
      direct((tag) => db.selectFrom('swtag').selectAll().where('tagname', '=', tag).executeTakeFirst()),
  },
  {
    name: 'ListImagesForSWTag',
    http: () => overHttp(() => `/api/v1/swtags/${randomTag()}/images`),
    db: () =>
      direct((tag) =>
        db.selectFrom('image').selectAll().where('repository_swtag', '=', tag).orderBy('id').execute(),
      ),
  },
];
console.log(
  `${'query'.padEnd(20)} ${'way'.padEnd(14)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'req/s'.padStart(9)}`,
);
for (const query of queries) {
  const database = await query.db();
  const http = await query.http();
  for (const [way, figures] of [
    ['database', database],
    [`HTTP (${values.connections} conn)`, http],
  ] as const) {
    console.log(
      `${query.name.padEnd(20)} ${way.padEnd(14)} ${figures.p50.toFixed(2).padStart(8)} ${figures.p99.toFixed(2).padStart(8)} ${figures.rps.toFixed(0).padStart(9)}`,
    );
  }
  console.log(
    `${query.name.padEnd(20)} overhead: p50 ${(http.p50 / database.p50).toFixed(1)}x over the database query`,
  );
}
console.log('targets (SQLite, 2 cores): GetSWTagInfo p99 under 10 ms and at least 3,000 req/s over HTTP');
await app.close();
await db.destroy();
