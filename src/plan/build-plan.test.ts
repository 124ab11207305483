import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadHierarchy } from '../hierarchy/load-hierarchy.js';
import { builtinProbeSet, knownProbes } from '../probe/builtin-probe-set.js';
import { buildPlan } from './build-plan.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'fixtures');
const load = (scenario: string) =>
  loadHierarchy(path.join(FIXTURES, scenario, 'stacks.yaml'), knownProbes(builtinProbeSet()));

describe('buildPlan', () => {
  it('groups the builds by level, parents first, each with its parent', async () => {
    const plan = buildPlan(await load('walk-stack'));
    expect(plan.levels).toEqual([
      ['root'],
      ['left', 'right'],
      ['bad-probe', 'broken', 'right-child'],
      ['below-bad-probe', 'below-broken'],
    ]);
    expect(plan.depth).toBe(4);
    expect(plan.matrix['2']!.include).toEqual([
      { image: 'bad-probe', platform: 'x86_64', level: 2, parent: 'right' },
      { image: 'broken', platform: 'x86_64', level: 2, parent: 'left' },
      { image: 'right-child', platform: 'x86_64', level: 2, parent: 'right' },
    ]);
    expect(plan.builds).toHaveLength(8);
  });

  it('plans only the named subtrees, numbering their levels from 0', async () => {
    const plan = buildPlan(await load('walk-stack'), { images: ['right'] });
    expect(plan.levels).toEqual([['right'], ['bad-probe', 'right-child'], ['below-bad-probe']]);
    expect(plan.matrix['0']!.include).toEqual([
      { image: 'right', platform: 'x86_64', level: 0, parent: 'root' },
    ]);
  });

  it('fans each image out over its platforms, or over those asked for', async () => {
    const hierarchy = await load('merge-stack');
    const all = buildPlan(hierarchy);
    expect(all.builds.map((build) => `${build.image}/${build.platform}`)).toEqual([
      'multi/x86_64',
      'multi/aarch64',
    ]);
    const one = buildPlan(hierarchy, { platforms: ['aarch64'] });
    expect(one.builds.map((build) => `${build.image}/${build.platform}`)).toEqual(['multi/aarch64']);
  });

  it('builds an image only on the platforms its whole lineage has, and leaves out levels with nothing to build', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-plan-'));
    for (const image of ['root', 'child', 'arm-only'])
      await mkdir(path.join(dir, 'images', image), { recursive: true }).then(() =>
        writeFile(path.join(dir, 'images', image, 'Dockerfile'), 'FROM scratch\n'),
      );
    const file = path.join(dir, 'stacks.yaml');
    await writeFile(
      file,
      'images:\n  root: { platforms: [x86_64] }\n  child: { parent: root, platforms: [x86_64, aarch64] }\n  arm-only: { parent: child, platforms: [aarch64] }\n',
    );
    const hierarchy = await loadHierarchy(file, knownProbes(builtinProbeSet()));
    expect(buildPlan(hierarchy).builds.map((build) => `${build.image}/${build.platform}`)).toEqual([
      'root/x86_64',
      'child/x86_64',
    ]);
    expect(buildPlan(hierarchy, { platforms: ['aarch64'] })).toEqual({
      levels: [],
      builds: [],
      matrix: {},
      depth: 0,
    });
  });

  it('plans each variant as a build of its own, FROM the image’s parent, beside its default', async () => {
    const plan = buildPlan(await load('variant-stack'));
    expect(plan.levels).toEqual([['root'], ['app', 'app (own)', 'app (broken)'], ['app-child']]);
    // The default's entry is as it always was (no variant key); a variant's carries its name.
    expect(plan.matrix['1']!.include).toEqual([
      { image: 'app', platform: 'x86_64', level: 1, parent: 'root' },
      { image: 'app', platform: 'x86_64', level: 1, parent: 'root', variant: 'own' },
      { image: 'app', platform: 'x86_64', level: 1, parent: 'root', variant: 'broken' },
    ]);
    expect(plan.matrix['2']!.include).toEqual([
      { image: 'app-child', platform: 'x86_64', level: 2, parent: 'app' },
    ]);
  });

  it.each([
    ['every variant', undefined, ['app', 'app (own)', 'app (broken)']],
    ['--no-variants', [], ['app']],
    ['--variant own', ['own'], ['app', 'app (own)']],
    ['--variant default', ['default'], ['app']],
  ])('with %s (variants %j) plans the variants’ level as asked', async (_, variants, level) => {
    const plan = buildPlan(await load('variant-stack'), { variants });
    expect(plan.levels[1]).toEqual(level);
    expect(plan.builds.filter((build) => build.image === 'app').map((build) => build.variant)).toEqual(
      level.map((name) => /\((\w+)\)/.exec(name)?.[1]),
    );
  });

  it('plans only the variants of the images in the subtrees asked for', async () => {
    const plan = buildPlan(await load('probe-stack'), { images: ['probe-child'] });
    expect(plan.levels).toEqual([['probe-child', 'probe-child (slim)', 'probe-child (own)']]);
    const variantStack = await load('variant-stack');
    expect(() => buildPlan(variantStack, { images: ['app-child'], variants: ['own'] })).toThrow(
      '--variant: no image has the variant "own" (variants: none)',
    );
  });

  it('refuses a variant no image has, naming those there are', async () => {
    const variantStack = await load('variant-stack');
    expect(() => buildPlan(variantStack, { variants: ['gpu'] })).toThrow(
      '--variant: no image has the variant "gpu" (variants: own, broken)',
    );
  });

  it('refuses an unknown image, naming the ones it knows', async () => {
    const hierarchy = await load('walk-stack');
    expect(() => buildPlan(hierarchy, { images: ['nope'] })).toThrow(/unknown image "nope" \(known: root, /);
  });
});
