// `npm run build:action`: bundles the GitHub Action (src/action/run.ts, which exports run()) into dist/run.mjs,
// beside the two-line entry action.yml names (dist/action.mjs, as src/action/main.ts: import run, call it) and the
// licenses of everything bundled in dist/licenses.txt. A module that only exports run() is what
// @github/local-action loads. `--check` builds into a temporary folder and fails when dist/ differs
// (test/action/dist.int.test.ts runs it in CI): the committed bundle is what runners execute.
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { ESM_REQUIRE_BANNER } from './esm-require-banner.js';
import { bundleLicenses } from './bundle-licenses.js';

const check = process.argv.includes('--check');
const dist = path.resolve('dist');
const outDir = check ? await mkdtemp(path.join(os.tmpdir(), 'stackhook-dist-')) : dist;
const bundled = await build({
  entryPoints: ['src/action/run.ts'],
  outfile: path.join(outDir, 'run.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  banner: ESM_REQUIRE_BANNER,
  // Native addons can't be bundled; the Action never loads them (no SQLite: it registers over HTTP; no
  // TypeScript plugins: those need the CLI). ssh2's optional crypto binding falls back to JavaScript.
  external: ['better-sqlite3', 'pg-native', 'cpu-features', '*.node', 'tsx', 'tsx/*'],
});
await writeFile(path.join(outDir, 'action.mjs'), "import { run } from './run.mjs';\n\nawait run();\n");
await writeFile(
  path.join(outDir, 'licenses.txt'),
  await bundleLicenses(Object.keys(bundled.metafile.inputs)),
);

if (!check) {
  for (const file of ['action.mjs', 'run.mjs', 'licenses.txt'])
    console.log(`dist/${file}  ${((await stat(path.join(dist, file))).size / 1024).toFixed(0)} KiB`);
} else {
  const stale: string[] = [];
  for (const file of await readdir(outDir)) {
    const fresh = await readFile(path.join(outDir, file));
    const committed = await readFile(path.join(dist, file)).catch(() => undefined);
    if (!committed || !fresh.equals(committed)) stale.push(file);
  }
  await rm(outDir, { recursive: true, force: true });
  if (stale.length > 0) {
    console.error(`dist/ is stale (${stale.join(', ')}): run \`npm run build:action\` and commit dist/`);
    process.exitCode = 1;
  } else console.log('dist/ is fresh');
}
