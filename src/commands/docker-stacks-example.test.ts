import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ExecResult } from '../engine/exec-result.js';
import type { ProbeSession } from '../engine/probe-session.js';
import { DEFAULT_VARIANT, inheritedManifests, inheritedTaggers } from '../hierarchy/hierarchy.js';
import { fullImage, imageTags } from '../hierarchy/image-naming.js';
import type { Platform } from '../hierarchy/platform.js';
import { displayCommand } from '../probe/display-command.js';
import { runProbes } from '../probe/run-probes.js';
import { imageProbes } from '../pipeline/image-probes.js';
import { OutFolder } from '../records/out-folder.js';
import { loadStack, type Stack } from './load-stack.js';
import { plan } from './plan.js';

const EXAMPLE = new URL('../../examples/docker-stacks/stacks.yaml', import.meta.url);
const FIXTURES = new URL('../../test/fixtures/probe-output/', import.meta.url);

// docker-stacks' tagging/hierarchy/images_hierarchy.py, in its own names: parent, taggers, manifests.
// prettier-ignore
const DOCKER_STACKS: Record<string, [string | null, string[], string[]]> = {
  'docker-stacks-foundation': [null, ['commit_sha_tagger', 'date_tagger', 'ubuntu_version_tagger', 'python_major_minor_tagger', 'python_tagger', 'mamba_tagger', 'conda_tagger'], ['conda_environment_manifest', 'apt_packages_manifest']],
  'base-notebook': ['docker-stacks-foundation', ['jupyter_notebook_tagger', 'jupyter_lab_tagger', 'jupyter_hub_tagger'], []],
  'minimal-notebook': ['base-notebook', [], []],
  'scipy-notebook': ['minimal-notebook', [], []],
  'r-notebook': ['minimal-notebook', ['r_tagger'], ['r_packages_manifest']],
  'julia-notebook': ['minimal-notebook', ['julia_tagger'], ['julia_packages_manifest']],
  'tensorflow-notebook': ['scipy-notebook', ['tensorflow_tagger'], []],
  'pytorch-notebook': ['scipy-notebook', ['pytorch_tagger'], []],
  'datascience-notebook': ['scipy-notebook', ['r_tagger', 'julia_tagger'], ['r_packages_manifest', 'julia_packages_manifest']],
  'pyspark-notebook': ['scipy-notebook', ['spark_tagger', 'java_tagger'], ['spark_info_manifest']],
  'all-spark-notebook': ['pyspark-notebook', ['r_tagger'], ['r_packages_manifest']],
};
// docker-stacks' variants: images/<image>/<variant>/Dockerfile, built FROM the parent's default variant.
const VARIANTS: [string, string][] = [
  ['tensorflow-notebook', 'cuda'],
  ['pytorch-notebook', 'cuda12'],
  ['pytorch-notebook', 'cuda13'],
];

// The README's table: docker-stacks' name, stackhook's, the value over the fixtures, the manifest's heading.
// prettier-ignore
const NAMES: Record<string, [string, string]> = {
  commit_sha_tagger: ['sha', '0123456789ab'],
  date_tagger: ['date', '2024-02-29'],
  ubuntu_version_tagger: ['os', 'ubuntu-24.04'],
  python_major_minor_tagger: ['python-major-minor', 'python-3.11'],
  python_tagger: ['python', 'python-3.11.2'],
  mamba_tagger: ['mamba', 'mamba-2.0.5'],
  conda_tagger: ['conda', 'conda-25.1.1'],
  jupyter_notebook_tagger: ['notebook', 'notebook-7.3.2'],
  jupyter_lab_tagger: ['lab', 'lab-4.3.5'],
  jupyter_hub_tagger: ['hub', 'hub-5.2.1'],
  r_tagger: ['r', 'r-4.2.2'],
  julia_tagger: ['julia', 'julia-1.11.3'],
  tensorflow_tagger: ['tensorflow', 'tensorflow-2.18.0'],
  pytorch_tagger: ['pytorch', 'pytorch-2.6.0'],
  spark_tagger: ['spark', 'spark-3.5.4'],
  java_tagger: ['java', 'java-17.0.19'],
  conda_environment_manifest: ['conda-environment', '## Python Packages'],
  apt_packages_manifest: ['apt-packages', '## Apt Packages'],
  r_packages_manifest: ['r-packages', '## R Packages'],
  julia_packages_manifest: ['julia-packages', '## Julia Packages'],
  spark_info_manifest: ['spark-info', '## Apache Spark'],
};

/** docker-stacks' get_taggers / get_manifests: the ancestors' first, then the image's own. */
function lineage(image: string, pick: 1 | 2): string[] {
  const [parent, ...own] = DOCKER_STACKS[image]!;
  return [...(parent ? lineage(parent, pick) : []), ...own[pick - 1]!];
}

// A conda-based image's distributions (docker-stacks installs torch's CPU wheel: 2.6.0+cpu).
const LISTING = `Package    Version
---------- ---------
jupyterhub 5.2.1
jupyterlab 4.3.5
notebook   7.3.2
tensorflow 2.18.0
torch      2.6.0+cpu
`;

// What each command printed in a real container or in the tool's documented format (see the fixtures' README).
const OUTPUT: Record<string, string> = {
  'cat /etc/os-release': 'os-release-ubuntu-24.04',
  'python3 --version': 'python3-version',
  'mamba --version': 'mamba-version',
  'conda --version': 'conda-version',
  'R --version': 'r-version',
  "R --silent -e 'installed.packages(.Library)[, c(1,3)]'": 'r-installed-packages',
  'julia --version': 'julia-version',
  "julia -E 'using InteractiveUtils; versioninfo()'": 'julia-versioninfo',
  "julia -E 'import Pkg; Pkg.status()'": 'julia-pkg-status',
  'spark-submit --version': 'spark-submit-version',
  '/usr/local/spark/bin/spark-submit --version': 'spark-submit-version',
  'java -version': 'java-version-legacy',
  'conda info': 'conda-info',
  'mamba info': 'mamba-info',
  'mamba list': 'mamba-list',
  'apt list --installed': 'apt-list-installed',
};

async function fixture(name: string, stream: 'txt' | 'stderr'): Promise<string> {
  return readFile(new URL(`${name}.${stream}`, FIXTURES), 'utf8').catch(() => '');
}

/** A probe container of a docker-stacks image, answering from the fixtures (pure logic: nothing is built). */
function fixtureSession(): ProbeSession {
  const exec = async (argv: readonly string[]): Promise<ExecResult> => {
    if (argv[0] === 'python3' && argv[1] === '-c') return { argv, exitCode: 0, stdout: LISTING, stderr: '' };
    const name = OUTPUT[displayCommand(argv)];
    if (!name) return { argv, exitCode: 127, stdout: '', stderr: `sh: 1: ${argv[0]}: not found\n` };
    return { argv, exitCode: 0, stdout: await fixture(name, 'txt'), stderr: await fixture(name, 'stderr') };
  };
  return {
    containerId: 'fixtures',
    image: 'fixtures',
    exec,
    execAll: (commands) => Promise.all(commands.map((argv) => exec(argv))),
    [Symbol.asyncDispose]: async () => {},
  };
}

let fork: string;
let stack: Stack;

// A fork's layout: stacks.yaml at the root, next to images/<image>/ and images/<image>/<variant>/.
beforeAll(async () => {
  fork = await mkdtemp(path.join(os.tmpdir(), 'stackhook-docker-stacks-'));
  const folders = [
    ...Object.keys(DOCKER_STACKS),
    ...VARIANTS.map(([image, variant]) => `${image}/${variant}`),
  ];
  for (const folder of folders) {
    await mkdir(path.join(fork, 'images', folder), { recursive: true });
    await writeFile(path.join(fork, 'images', folder, 'Dockerfile'), 'ARG BASE_IMAGE\nFROM $BASE_IMAGE\n');
  }
  await copyFile(EXAMPLE, path.join(fork, 'stacks.yaml'));
  stack = await loadStack({ hierarchy: path.join(fork, 'stacks.yaml') });
});
afterAll(async () => {
  await rm(fork, { recursive: true, force: true });
});

describe('examples/docker-stacks/stacks.yaml in a docker-stacks fork', () => {
  it('plans docker-stacks’ hierarchy level by level, on both platforms', async () => {
    const planned = await plan({ hierarchy: path.join(fork, 'stacks.yaml'), images: [], platforms: [] });
    expect(planned.levels).toEqual([
      ['docker-stacks-foundation'],
      ['base-notebook'],
      ['minimal-notebook'],
      ['julia-notebook', 'r-notebook', 'scipy-notebook'],
      [
        'datascience-notebook',
        'pyspark-notebook',
        'pytorch-notebook',
        'pytorch-notebook (cuda12)',
        'pytorch-notebook (cuda13)',
        'tensorflow-notebook',
        'tensorflow-notebook (cuda)',
      ],
      ['all-spark-notebook'],
    ]);
    expect(planned.builds).toHaveLength(2 * (Object.keys(DOCKER_STACKS).length + VARIANTS.length));
    for (const build of planned.builds) expect(build.parent).toBe(DOCKER_STACKS[build.image]![0]);
    expect(planned.matrix['5']!.include.map((build) => build.platform)).toEqual(['x86_64', 'aarch64']);
  });

  it('plans docker-stacks’ variant builds as its docker.yml runs them: FROM scipy-notebook, on both platforms', async () => {
    const planned = await plan({ hierarchy: path.join(fork, 'stacks.yaml'), images: [], platforms: [] });
    const variantBuilds = planned.matrix['4']!.include.filter((build) => build.variant !== undefined);
    expect(
      variantBuilds.map((build) => `${build.image} ${build.variant} ${build.platform} ${build.parent}`),
    ).toEqual([
      'pytorch-notebook cuda12 x86_64 scipy-notebook',
      'pytorch-notebook cuda12 aarch64 scipy-notebook',
      'pytorch-notebook cuda13 x86_64 scipy-notebook',
      'pytorch-notebook cuda13 aarch64 scipy-notebook',
      'tensorflow-notebook cuda x86_64 scipy-notebook',
      'tensorflow-notebook cuda aarch64 scipy-notebook',
    ]);
    // Nothing is built FROM a variant; the default entries have no variant key, as before.
    expect(planned.builds.filter((build) => build.parent === 'pytorch-notebook')).toEqual([]);
    expect(planned.matrix['4']!.include.filter((build) => build.image === 'datascience-notebook')).toEqual([
      { image: 'datascience-notebook', platform: 'x86_64', level: 4, parent: 'scipy-notebook' },
      { image: 'datascience-notebook', platform: 'aarch64', level: 4, parent: 'scipy-notebook' },
    ]);
  });

  it.each(Object.keys(DOCKER_STACKS))('%s loads docker-stacks’ taggers and manifests, in order', (image) => {
    const { hierarchy } = stack;
    expect(inheritedTaggers(hierarchy, image)).toEqual(lineage(image, 1).map((name) => NAMES[name]![0]));
    expect(inheritedManifests(hierarchy, image)).toEqual(lineage(image, 2).map((name) => NAMES[name]![0]));
    expect(hierarchy.images.get(image)!.contextDir).toBe(path.join(fork, 'images', image));
  });

  it.each(VARIANTS)('%s builds its %s variant from its own folder', (image, variant) => {
    const spec = stack.hierarchy.images.get(image)!.variants.get(variant)!;
    expect(spec.contextDir).toBe(path.join(fork, 'images', image, variant));
    expect(spec.dockerfile).toBe(path.join(fork, 'images', image, variant, 'Dockerfile'));
  });

  const builds: [string, Platform, string][] = [
    ...Object.keys(DOCKER_STACKS).flatMap((image) =>
      (['x86_64', 'aarch64'] as const).map((platform): [string, Platform, string] => [
        image,
        platform,
        DEFAULT_VARIANT,
      ]),
    ),
    ...VARIANTS.map(([image, variant]): [string, Platform, string] => [image, 'x86_64', variant]),
  ];

  it.each(builds)(
    '%s on %s (%s) gets docker-stacks’ tags, file names and sections',
    async (image, platform, variant) => {
      const { hierarchy, probes } = stack;
      const probe = await runProbes({
        image,
        session: fixtureSession(),
        ...imageProbes(hierarchy, probes, image),
        listers: probes.listers,
        context: {
          git: {
            sha: `0123456789ab${'c'.repeat(28)}`,
            shortSha: '0123456789ab',
            message: 'm',
            root: fork,
            githubRepository: undefined,
          },
          now: new Date('2024-03-01T00:30:00+02:00'),
          image,
          fullImage: fullImage(hierarchy, image),
          imageSizeBytes: 1_234_567_890,
          buildTimestamp: '2024-02-29T22:30:00Z',
          repository: hierarchy.repository,
        },
      });
      // docker-stacks' write_tags_file: registry/owner/image:<prefix>-latest, then <prefix>-<tag> per tagger.
      const prefix = variant === DEFAULT_VARIANT ? platform : `${platform}-${variant}`;
      const expected = ['latest', ...lineage(image, 1).map((name) => NAMES[name]![1])];
      const tags = imageTags(
        hierarchy,
        { image, platform, variant },
        probe.tags.map((tag) => tag.value),
      );
      expect(tags).toEqual(expected.map((tag) => `quay.io/jupyter/${image}:${prefix}-${tag}`));
      expect(probe.skipped).toEqual([]);
      expect(probe.sections.map((section) => section.markdown.split('\n')[0])).toEqual([
        '## Build Info',
        ...lineage(image, 2).map((name) => NAMES[name]![1]),
      ]);
      // docker-stacks' file names: always <platform>-<variant>-, the manifest and history line with the sha.
      const files = new OutFolder(fork).buildFiles({ image, platform, variant }, '0123456789ab');
      expect(path.relative(fork, files.tags)).toBe(`tags/${platform}-${variant}-${image}.txt`);
      expect(path.relative(fork, files.manifest)).toBe(
        `manifests/${platform}-${variant}-${image}-0123456789ab.md`,
      );
      expect(path.relative(fork, files.history)).toBe(
        `history/${platform}-${variant}-${image}-0123456789ab.txt`,
      );
    },
  );

  it('names every docker-stacks tagger and manifest', () => {
    const used = new Set(
      Object.keys(DOCKER_STACKS).flatMap((image) => [...lineage(image, 1), ...lineage(image, 2)]),
    );
    expect([...used].sort()).toEqual(Object.keys(NAMES).sort());
    for (const [name, [ours]] of Object.entries(NAMES)) {
      const known = name.endsWith('_tagger') ? stack.probes.taggers : stack.probes.manifests;
      expect(known.has(ours)).toBe(true);
    }
  });
});
