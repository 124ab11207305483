// bench/walk (a): a second walk of the unchanged example stack next to rebuilding it with podman's layer cache
// (each image `podman build` again, in order, as `make build-all` would), alternating in one run.
//   npm run bench -- walk [--rounds N] [--hierarchy file]
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { execa } from 'execa';
import { prepareEnvironment } from '../src/environment/prepare-environment.js';
import { loadHierarchy } from '../src/hierarchy/load-hierarchy.js';
import { hostPlatform, ociPlatform } from '../src/hierarchy/platform.js';
import { resolveBaseImage } from '../src/base-image/resolve-base-image.js';
import { StreamLog } from '../src/log/stream-log.js';
import { builtinProbeSet, knownProbes } from '../src/probe/builtin-probe-set.js';
import { loadProbeSet } from '../src/plugins/load-probe-set.js';
import { runWalk } from '../src/walk/run-walk.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    rounds: { type: 'string', default: '3' },
    hierarchy: { type: 'string', default: 'hierarchy/stacks.yaml' },
  },
});
const rounds = Number(values.rounds);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = new StreamLog({ level: 'warn' });
const builtins = builtinProbeSet();
const hierarchy = await loadHierarchy(values.hierarchy, knownProbes(builtins));
const probes = await loadProbeSet(hierarchy, builtins);
const { engine } = await prepareEnvironment({ log, provision: true });
const outDir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-bench-walk-'));
const platform = hostPlatform();
const walk = {
  hierarchy,
  engine,
  log,
  probes,
  images: [],
  platform,
  outDir,
  jobs: os.availableParallelism(),
};

await runWalk(walk); // builds what is missing and writes the records the next walks reuse
await rebuildWithLayerCache(); // fills podman's layer cache for the reference way

/**
 * The reference: `podman build` of every image in order with the same Dockerfiles and build args, tagged apart
 * (localhost/stackhook-bench/<image>:cache) so that stackhook's own tags and records stay untouched, and with no
 * labels that change between runs, so podman's layer cache can hit every step: its best case.
 */
async function rebuildWithLayerCache(): Promise<void> {
  const references = new Map<string, string>();
  for (const image of hierarchy.graph.names) {
    const spec = hierarchy.images.get(image)!;
    const parentName = hierarchy.graph.parent(image);
    const base =
      parentName === undefined
        ? (await resolveBaseImage(engine, spec.base!, image, log)).reference
        : references.get(parentName)!;
    const tag = `localhost/stackhook-bench/${image}:cache`;
    await engine.build({
      subject: image,
      contextDir: spec.contextDir,
      dockerfile: spec.dockerfile,
      tag,
      buildArgs: { ...spec.buildArgs, [hierarchy.baseArg]: base },
      labels: {},
      platform: ociPlatform(platform),
    });
    references.set(image, tag);
  }
}
const ways: Record<string, () => Promise<unknown>> = {
  'stackhook walk, unchanged (in process)': () => runWalk(walk),
  'stackhook walk, unchanged (CLI, node start included)': () =>
    execa(
      process.execPath,
      [path.join(ROOT, 'bin/stackhook.js')].concat([
        'walk',
        '--hierarchy',
        values.hierarchy!,
        '--out',
        outDir,
        '--previous-from',
        'out',
      ]),
      { env: { STACKHOOK_RUNTIME_CHECKED: process.env.STACKHOOK_RUNTIME_CHECKED ?? '' } },
    ),
  'podman build again, layer cache (sequential)': rebuildWithLayerCache,
};
const timings = new Map(Object.keys(ways).map((name) => [name, [] as number[]]));
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of Object.entries(ways)) {
    const started = performance.now();
    await run();
    timings.get(name)!.push((performance.now() - started) / 1000);
  }
}
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
console.log(
  `bench/walk: ${hierarchy.graph.names.length} images, ${rounds} rounds, median seconds (ways alternate)`,
);
for (const [name, list] of timings) console.log(`${name.padEnd(54)} ${median(list).toFixed(3).padStart(8)}`);
const [inProcess, cli, rebuild] = [...timings.values()].map(median) as [number, number, number];
console.log(
  `unchanged walk vs rebuild: ${(rebuild / inProcess).toFixed(0)}x in process, ${(rebuild / cli).toFixed(1)}x as a CLI run ` +
    '(target: under 2 s for the whole stack and ≥ 20x)',
);
