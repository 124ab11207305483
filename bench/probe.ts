// bench/probe: tags + manifest + package lists for each image of the example stack, stackhook's way next to
// docker-stacks' way and the floor, alternating in one run (the machine is shared: compare ratios, not seconds).
//   npm run bench -- probe [image...] [--rounds N] [--hierarchy file]
import { parseArgs } from 'node:util';
import type { Engine } from '../src/engine/engine.js';
import { prepareEnvironment } from '../src/environment/prepare-environment.js';
import { readGitInfo } from '../src/git/git-info.js';
import type { Hierarchy } from '../src/hierarchy/hierarchy.js';
import { loadHierarchy } from '../src/hierarchy/load-hierarchy.js';
import { hostPlatform } from '../src/hierarchy/platform.js';
import { StreamLog } from '../src/log/stream-log.js';
import type { BuiltImage } from '../src/records/built-image.js';
import { buildStage } from '../src/pipeline/build-stage.js';
import { imageProbes } from '../src/pipeline/image-probes.js';
import { builtinProbeSet, knownProbes } from '../src/probe/builtin-probe-set.js';
import { loadProbeSet } from '../src/plugins/load-probe-set.js';
import { floorWay, referenceWay, stackhookWay, type Way } from './probe-ways.js';

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: {
    rounds: { type: 'string', default: '5' },
    hierarchy: { type: 'string', default: 'hierarchy/stacks.yaml' },
  },
});
const rounds = Number(values.rounds);
const log = new StreamLog({ level: 'warn' });
const builtins = builtinProbeSet();
const hierarchy = await loadHierarchy(values.hierarchy, knownProbes(builtins));
const probes = await loadProbeSet(hierarchy, builtins);
const images = positionals.length > 0 ? positionals : hierarchy.graph.levels.flat();
const { engine } = await prepareEnvironment({ log, provision: true });
const git = await readGitInfo(hierarchy.rootDir);
const median = (list: number[]): number => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;

console.log(`bench/probe: ${images.length} images, ${rounds} rounds each, median seconds (ways alternate)`);
console.log(
  `${'image'.padEnd(26)} taggers pieces | floor s | stackhook s execs | reference s execs | vs reference  vs floor`,
);
for (const image of images) {
  const built = await buildLineage(hierarchy, engine, image);
  const work = {
    engine,
    imageId: built.imageId,
    image,
    ...imageProbes(hierarchy, probes, image),
    listers: probes.listers,
    context: {
      git,
      now: new Date(),
      image,
      fullImage: image,
      imageSizeBytes: 0,
      buildTimestamp: `${new Date().toISOString().slice(0, 19)}Z`,
      repository: undefined,
    },
  };
  const [floor, ours, reference] = [floorWay(work), stackhookWay(work), referenceWay(work)];
  const timings = new Map<Way, number[]>([floor, ours, reference].map((way) => [way, []]));
  await ours.run(); // warm-up: page cache, podman's image store
  for (let round = 0; round < rounds; round++) {
    for (const way of timings.keys()) {
      const started = performance.now();
      await way.run();
      timings.get(way)!.push((performance.now() - started) / 1000);
    }
  }
  const [f, o, r] = [floor, ours, reference].map((way) => median(timings.get(way)!)) as [
    number,
    number,
    number,
  ];
  console.log(
    [
      image.padEnd(26),
      String(work.taggers.length).padStart(7),
      String(work.pieces.length).padStart(6),
      '|',
      f.toFixed(3).padStart(7),
      '|',
      o.toFixed(3).padStart(11),
      String(ours.execs).padStart(5),
      '|',
      r.toFixed(3).padStart(11),
      String(reference.execs).padStart(5),
      '|',
      `${(r / o).toFixed(1)}x`.padStart(12),
      `${(o / f).toFixed(2)}x`.padStart(9),
    ].join(' '),
  );
}
console.log('targets: stackhook ≥ 5x faster than the reference on scipy-notebook; ≤ 2x the floor');

async function buildLineage(hierarchy: Hierarchy, engine: Engine, image: string): Promise<BuiltImage> {
  let parent: BuiltImage | undefined;
  for (const name of hierarchy.graph.lineage(image)) {
    const request = {
      hierarchy,
      engine,
      log,
      image: name,
      platform: hostPlatform(),
      variant: 'default',
      parent,
    };
    parent = await buildStage(request);
  }
  return parent!;
}
