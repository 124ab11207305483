// bench/walk-cold (walk (b)): a cold walk of bench/fixtures/cold-stack (every build misses podman's cache), its
// wall time next to the critical path: the sum of the build times along the longest chain, measured in the same
// walk. Parallel branches should hide everything off that chain.
//   npm run bench -- walk-cold [--rounds N] [--jobs N]
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { prepareEnvironment } from '../src/environment/prepare-environment.js';
import { loadHierarchy } from '../src/hierarchy/load-hierarchy.js';
import { hostPlatform } from '../src/hierarchy/platform.js';
import { StreamLog } from '../src/log/stream-log.js';
import { builtinProbeSet, knownProbes } from '../src/probe/builtin-probe-set.js';
import { runWalk } from '../src/walk/run-walk.js';
import { gitRepoFrom } from '../test/support/fixture-repo.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    rounds: { type: 'string', default: '2' },
    jobs: { type: 'string', default: String(os.availableParallelism()) },
  },
});
const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'cold-stack');
const repo = await gitRepoFrom(FIXTURE, 'cold');

const log = new StreamLog({ level: 'warn' });
const probes = builtinProbeSet();
const hierarchy = await loadHierarchy(path.join(repo, 'stacks.yaml'), knownProbes(probes));
const { engine } = await prepareEnvironment({ log, provision: true });
const jobs = Number(values.jobs);

console.log(
  `bench/walk-cold: ${hierarchy.graph.names.length} images, --jobs ${jobs}, ${values.rounds} cold walks`,
);
console.log('round  wall s  critical path s  ratio  longest chain');
for (let round = 1; round <= Number(values.rounds); round++) {
  const nonce = `${Date.now()}-${round}`;
  for (const image of hierarchy.graph.names)
    await writeFile(path.join(repo, 'images', image, 'nonce.txt'), `${nonce}\n`);
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-cold-out-'));
  const started = performance.now();
  const result = await runWalk({
    hierarchy,
    engine,
    log,
    probes,
    images: [],
    platform: hostPlatform(),
    outDir,
    jobs,
    previousFrom: ['out'],
  });
  const wall = (performance.now() - started) / 1000;
  const failed = result.images.filter((image) => image.status !== 'built');
  if (failed.length > 0)
    throw new Error(`not a cold walk: ${failed.map((i) => `${i.image} ${i.status}`).join(', ')}`);
  const buildSeconds = new Map(result.images.map((image) => [image.image, image.built!.durationMs / 1000]));
  const chains = hierarchy.graph.names.map((leaf) => hierarchy.graph.lineage(leaf));
  const cost = (chain: string[]) => chain.reduce((sum, image) => sum + buildSeconds.get(image)!, 0);
  const longest = chains.reduce((best, chain) => (cost(chain) > cost(best) ? chain : best));
  const critical = cost(longest);
  console.log(
    `${String(round).padStart(5)} ${wall.toFixed(2).padStart(7)} ${critical.toFixed(2).padStart(16)} ${(wall / critical).toFixed(2).padStart(6)}x  ${longest.join(' > ')}`,
  );
}
console.log('target: wall time within 1.15x of the critical path');
