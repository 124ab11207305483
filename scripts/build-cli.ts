// `npm run build:cli` (and `prepare`, which `npm ci` runs): bundles the CLI (src/cli/main.ts) into dist/cli/ with
// esbuild, one chunk per command (main.ts imports only the one it runs), so that `stackhook --help` loads a few
// hundred KiB instead of every command's dependencies. Not committed: bin/stackhook.js rebuilds it when a source
// it was made from is newer than the bundle (an edit, a pull, a checkout), so what runs is always the tree.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { ESM_REQUIRE_BANNER } from './esm-require-banner.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_DIST = path.join(ROOT, 'dist', 'cli');
/** Names the build bin/stackhook.js runs, with the files it was made from (see BuiltCli). */
export const CURRENT = path.join(CLI_DIST, 'current.json');

/** dist/cli/current.json. */
export interface BuiltCli {
  /** The folder under dist/cli/ holding main.mjs and its chunks. */
  dir: string;
  /** When the build started (ms since the epoch): an input modified later makes it stale. */
  builtAt: number;
  /** Paths relative to the project root: our sources, plus what stands for node_modules and this script. */
  inputs: string[];
}

/**
 * Packages left out of the bundle, loaded from node_modules when used: native addons and optional bindings
 * (can't be bundled), tsx (loads TypeScript plugins), and the service's stack (fastify, kysely, the databases,
 * the AWS SDK), which only serve, register and publish load and which read files of their own at run time.
 */
const EXTERNAL = [
  'better-sqlite3',
  'pg',
  'pg-native',
  'cpu-features',
  '*.node',
  'tsx',
  'tsx/*',
  'fastify',
  '@fastify/*',
  'kysely',
  '@aws-sdk/*',
];

/**
 * Packages that dockerode and docker-modem require but stackhook never reaches (~1.4 MiB of the 2.4 its modules
 * are, parsed on every hook): buildkit sessions and progress (grpc, protobuf; podman builds through its CLI) and
 * ssh:// hosts (ssh2; the API is a unix socket). They become an empty module: a call would fail, none is made.
 */
const UNUSED = ['@grpc/grpc-js', '@grpc/proto-loader', 'protobufjs', 'ssh2'];

function leaveOut(names: readonly string[]): Plugin {
  const filter = new RegExp(`^(${names.map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})$`);
  return {
    name: 'leave-out',
    setup(build) {
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'left-out' }));
      build.onLoad({ filter: /.*/, namespace: 'left-out' }, () => ({ contents: 'module.exports = {};' }));
    },
  };
}

/**
 * Builds into a new folder, then points current.json at it (a rename: a CLI starting meanwhile runs the old
 * build or the new one, never half of one), then removes builds older than the previous one.
 */
export async function buildCli(): Promise<BuiltCli> {
  const builtAt = Date.now();
  const dir = `build-${builtAt.toString(36)}-${randomBytes(3).toString('hex')}`;
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir: path.join(CLI_DIST, dir),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    banner: ESM_REQUIRE_BANNER,
    external: EXTERNAL,
    plugins: [leaveOut(UNUSED)],
  });
  const sources = Object.keys(result.metafile.inputs).filter(
    (input) => !input.includes('node_modules/') && !input.startsWith('left-out:'),
  );
  // npm rewrites node_modules/.package-lock.json on every install: one file for all the bundled packages (other
  // package managers don't write it: only files that exist are listed, else every start would rebuild).
  const extra = ['package.json', 'node_modules/.package-lock.json', 'scripts/build-cli.ts'];
  const inputs = [...sources, ...extra.filter((file) => existsSync(path.join(ROOT, file)))];
  const built: BuiltCli = { dir, builtAt, inputs };
  const previous = await readCurrent();
  const temporary = `${CURRENT}.${dir}`;
  await writeFile(temporary, `${JSON.stringify(built, null, 2)}\n`);
  await rename(temporary, CURRENT);
  // Removed: builds neither current nor previous, and older than a build can take (one still being written by
  // a CLI that found the sources changed at the same moment is neither yet).
  const keep = new Set([dir, previous?.dir]);
  for (const entry of await readdir(CLI_DIST)) {
    const started = /^build-([0-9a-z]+)-/.exec(entry)?.[1];
    if (started && !keep.has(entry) && builtAt - parseInt(started, 36) > 10 * 60_000)
      await rm(path.join(CLI_DIST, entry), { recursive: true, force: true });
  }
  return built;
}

async function readCurrent(): Promise<BuiltCli | undefined> {
  await mkdir(CLI_DIST, { recursive: true });
  return readFile(CURRENT, 'utf8')
    .then((text) => JSON.parse(text) as BuiltCli)
    .catch(() => undefined);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await buildCli();
  console.log(`dist/cli/${built.dir}/main.mjs (from ${built.inputs.length} files)`);
}
