// bench/probe: tag + manifest computation for one image, stackhook's way next to docker-stacks' way and the
// floor, alternating in one run (the machine is shared: compare ratios, not seconds).
//   npm run bench -- probe [image] [--rounds N]
import { parseArgs } from 'node:util';
import type { Engine } from '../src/engine/engine.js';
import type { ExecResult } from '../src/engine/exec-result.js';
import { prepareEnvironment } from '../src/environment/prepare-environment.js';
import { readGitInfo } from '../src/git/git-info.js';
import { inheritedManifests, inheritedTaggers, type Hierarchy } from '../src/hierarchy/hierarchy.js';
import { loadHierarchy } from '../src/hierarchy/load-hierarchy.js';
import { hostPlatform } from '../src/hierarchy/platform.js';
import { StreamLog } from '../src/log/stream-log.js';
import type { BuiltImage } from '../src/pipeline/build-record.js';
import { buildStage } from '../src/pipeline/build-stage.js';
import { builtinProbeCatalog, knownProbes } from '../src/pipeline/builtin-probes.js';
import type { ManifestContext } from '../src/probe/probe-context.js';
import { runProbes } from '../src/probe/run-probes.js';

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: {
    rounds: { type: 'string', default: '5' },
    hierarchy: { type: 'string', default: 'hierarchy/stacks.yaml' },
  },
});
const imageName = positionals[0] ?? 'docker-stacks-foundation';
const rounds = Number(values.rounds);
const log = new StreamLog({ level: 'warn' });
const catalog = builtinProbeCatalog();
const hierarchy = await loadHierarchy(values.hierarchy, knownProbes(catalog));
const { engine } = await prepareEnvironment({ log, provision: true });
const built = await buildLineage(hierarchy, engine, imageName);
const git = await readGitInfo(hierarchy.rootDir);
const taggers = inheritedTaggers(hierarchy, imageName).map((name) => catalog.taggers.get(name)!);
const pieces = [
  catalog.buildInfo,
  ...inheritedManifests(hierarchy, imageName).map((name) => catalog.manifests.get(name)!),
];
const context: ManifestContext = {
  git,
  now: new Date(),
  image: imageName,
  fullImage: imageName,
  imageSizeBytes: 0,
  buildTimestamp: new Date().toISOString().slice(0, 19) + 'Z',
  repository: undefined,
};

interface Way {
  name: string;
  containers: number;
  execs: number;
  run: () => Promise<unknown>;
}

const ours: Way = {
  name: 'stackhook (1 container, batched)',
  containers: 1,
  execs: 1,
  run: async () => {
    await using session = await engine.openProbeSession(built.imageId);
    return await runProbes({ image: imageName, session, taggers, pieces, context });
  },
};
// docker-stacks: a container for the tags file (one exec per tagger), another for the manifest, in which the
// history line computes every tag again, then one exec per manifest command; all sequential.
const referenceExecs = [
  ...taggers.flatMap((tagger) => tagger.commands),
  ...taggers.flatMap((tagger) => tagger.commands),
  ...pieces.flatMap((piece) => piece.commands),
];
const reference: Way = {
  name: 'reference (docker-stacks way)',
  containers: 2,
  execs: referenceExecs.length,
  run: async () => {
    const outputs: ExecResult[] = [];
    const tagCommands = taggers.flatMap((tagger) => tagger.commands);
    {
      await using tags = await engine.openProbeSession(built.imageId);
      for (const argv of tagCommands) outputs.push(await tags.exec(argv));
    }
    await using manifest = await engine.openProbeSession(built.imageId);
    for (const argv of referenceExecs.slice(tagCommands.length)) outputs.push(await manifest.exec(argv));
    return outputs;
  },
};
const floor: Way = {
  name: 'floor (start + 1 exec)',
  containers: 1,
  execs: 1,
  run: async () => {
    await using session = await engine.openProbeSession(built.imageId);
    return await session.exec(['true']);
  },
};

const ways = [floor, ours, reference];
const timings = new Map<Way, number[]>(ways.map((way) => [way, []]));
await ours.run(); // warm-up: page cache, podman's image store
for (let round = 0; round < rounds; round++) {
  for (const way of ways) {
    const started = performance.now();
    await way.run();
    timings.get(way)!.push((performance.now() - started) / 1000);
  }
}
const median = (list: number[]): number => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const floorMedian = median(timings.get(floor)!);
console.log(
  `bench/probe: ${imageName} — ${taggers.length} taggers, ${pieces.length} manifest pieces; ${rounds} rounds, median of each`,
);
console.log(`${'way'.padEnd(34)} containers  execs  median s  vs floor`);
for (const way of ways) {
  const value = median(timings.get(way)!);
  console.log(
    `${way.name.padEnd(34)} ${String(way.containers).padStart(10)} ${String(way.execs).padStart(6)} ${value.toFixed(3).padStart(9)} ${(value / floorMedian).toFixed(2).padStart(8)}x`,
  );
}
const speedUp = median(timings.get(reference)!) / median(timings.get(ours)!);
console.log(
  `stackhook vs reference: ${speedUp.toFixed(1)}x faster (target ≥ 4x); stackhook vs floor: ${(median(timings.get(ours)!) / floorMedian).toFixed(2)}x (target ≤ 2x)`,
);

async function buildLineage(hierarchy: Hierarchy, engine: Engine, image: string): Promise<BuiltImage> {
  let parent: BuiltImage | undefined;
  for (const name of hierarchy.graph.lineage(image)) {
    parent = await buildStage({
      hierarchy,
      engine,
      log,
      image: name,
      platform: hostPlatform(),
      variant: 'default',
      parent,
    });
  }
  return parent!;
}
