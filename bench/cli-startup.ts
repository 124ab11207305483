// bench/cli-startup: whole `stackhook` processes as users start them (bin/stackhook.js: the bundle in dist/cli/),
// medians of N rounds, the ways alternating within each round, next to what they can't be faster than: a bare
// `node -e ""`, and for hook the floor of any probe (that node start plus one `podman run -d`, one `podman exec`
// and `podman rm`, through the podman CLI).
//   npm run bench -- cli-startup [--rounds N] [--image base-notebook] [--before <main.js|main.ts>]...
// --before times another entry beside (a tsc build or the sources of an older tree: .ts runs through tsx).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { execa } from 'execa';
import { prepareEnvironment } from '../src/environment/prepare-environment.js';
import { hostPlatform } from '../src/hierarchy/platform.js';
import { StreamLog } from '../src/log/stream-log.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    rounds: { type: 'string', default: '10' },
    image: { type: 'string', default: 'base-notebook' },
    hierarchy: { type: 'string', default: 'hierarchy/stacks.yaml' },
    before: { type: 'string', multiple: true, default: [] },
  },
});
const rounds = Number(values.rounds);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TSX = pathToFileURL(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const log = new StreamLog({ level: 'warn' });
const { podman, runtime } = await prepareEnvironment({ log, provision: true });
const out = await mkdtemp(path.join(os.tmpdir(), 'stackhook-bench-cli-'));
const env = { ...process.env, ...runtime.env, STACKHOOK_STATE_DIR: path.join(ROOT, '.stackhook') };

const entries = [
  { name: 'stackhook', argv: [path.join(ROOT, 'bin', 'stackhook.js')] },
  ...values.before.map((entry) => ({
    name: `before (${path.relative(ROOT, entry)})`,
    argv: entry.endsWith('.ts') ? ['--import', TSX, path.resolve(entry)] : [path.resolve(entry)],
  })),
];
const hookArgs = ['hook', values.image!, '--hierarchy', values.hierarchy!, '--out', out];

/** Seconds a whole process takes; it must succeed. */
async function timed(file: string, args: readonly string[]): Promise<number> {
  const started = performance.now();
  const result = await execa(file, args, { cwd: ROOT, env, reject: false, stdin: 'ignore' });
  if (result.exitCode !== 0)
    throw new Error(`${file} ${args.join(' ')} exited ${result.exitCode}:\n${String(result.stderr)}`);
  return (performance.now() - started) / 1000;
}

/** The image hook tagged: the first line of its tags file. */
const imageReference = async () =>
  (await readFile(path.join(out, 'tags', `${hostPlatform()}-default-${values.image}.txt`), 'utf8')).split(
    '\n',
  )[0]!;

/** The floor of a probe: node starts, one container starts, runs one exec, and is removed. */
async function floor(reference: string): Promise<number> {
  const started = performance.now();
  await timed(process.execPath, ['-e', '']);
  const name = `stackhook-bench-floor-${process.pid}`;
  await timed(podman, ['run', '-d', '--name', name, '--entrypoint', 'sleep', reference, 'infinity']);
  await timed(podman, ['exec', name, 'true']);
  await timed(podman, ['rm', '-f', '--time', '0', name]);
  return (performance.now() - started) / 1000;
}

// Built (or found up to date) once, before any timing: hook --no-build then only probes.
log.warn(`bench/cli-startup: making sure ${values.image} is built (stackhook hook ${values.image})`);
await timed(process.execPath, [entries[0]!.argv[0]!, ...hookArgs]);
const reference = await imageReference();

const ways = new Map<string, () => Promise<number>>([
  ['node -e ""', () => timed(process.execPath, ['-e', ''])],
  ['floor: node + podman run, exec, rm', () => floor(reference)],
]);
for (const entry of entries) {
  ways.set(`${entry.name} --help`, () => timed(process.execPath, [...entry.argv, '--help']));
  ways.set(`${entry.name} plan`, () =>
    timed(process.execPath, [...entry.argv, 'plan', '--hierarchy', values.hierarchy!]),
  );
  ways.set(`${entry.name} hook --no-build`, () =>
    timed(process.execPath, [...entry.argv, ...hookArgs, '--no-build', '--previous-from', 'out']),
  );
}
ways.set('npm run stackhook -- --help', () => timed('npm', ['run', '--silent', 'stackhook', '--', '--help']));

const timings = new Map([...ways.keys()].map((name) => [name, [] as number[]]));
for (let round = 0; round < rounds; round++)
  for (const [name, run] of ways) timings.get(name)!.push(await run());
await rm(out, { recursive: true, force: true });

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const bare = median(timings.get('node -e ""')!);
const floorMedian = median(timings.get('floor: node + podman run, exec, rm')!);
console.log(
  `bench/cli-startup: ${rounds} rounds, whole processes, median ms; node ${process.version}, ${os.availableParallelism()} cores; image ${values.image}`,
);
const width = Math.max(...[...timings.keys()].map((name) => name.length));
console.log(
  `${'process'.padEnd(width)} ${'median'.padStart(7)} ${'× node'.padStart(7)} ${'× floor'.padStart(8)}`,
);
for (const [name, list] of timings) {
  const value = median(list);
  const ofFloor = name.endsWith('hook --no-build') ? `${(value / floorMedian).toFixed(2)}` : '';
  console.log(
    `${name.padEnd(width)} ${(value * 1000).toFixed(0).padStart(7)} ${(value / bare).toFixed(1).padStart(7)} ${ofFloor.padStart(8)}`,
  );
}
console.log('targets: stackhook --help ≤ 150 ms; hook --no-build ≤ 2× the floor');
