import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StackhookError } from '../errors/stackhook-error.js';
import { inheritedManifests, inheritedTaggers } from '../hierarchy/hierarchy.js';
import { inheritedTests } from '../hierarchy/inherited-tests.js';
import { loadHierarchy } from '../hierarchy/load-hierarchy.js';
import { builtinProbeSet, knownProbes } from './builtin-probe-set.js';

// loadHierarchy checks the names a stack file uses against the built-in probe set: this test sits in probe/,
// the lowest layer that may import both.
const known = knownProbes(builtinProbeSet());
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-load-hierarchy-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes stacks.yaml (one string per line) and the given files (relative to the folder) into the temp folder. */
async function writeStack(lines: readonly string[], files: readonly string[]): Promise<string> {
  for (const file of files) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), 'FROM scratch\n');
  }
  const stacks = path.join(dir, 'stacks.yaml');
  await writeFile(stacks, `${lines.join('\n')}\n`);
  return stacks;
}

const dockerfiles = (...images: string[]): string[] => images.map((image) => `images/${image}/Dockerfile`);

describe('loadHierarchy rejects bad files, naming file, line, key and image', () => {
  // [what, stacks.yaml lines, files to create, `line key (image name)` after the file name, description]
  // prettier-ignore
  it.each<[string, string[], string[], string, RegExp]>([
    ['an unknown parent', ['images:', '  root: {}', '  child:', '    parent: roott'], dockerfiles('root', 'child'),
      '4 images.child.parent (image child)', /^unknown parent "roott" \(did you mean "root"\?\)$/],
    ['a cycle', ['images:', '  a:', '    parent: c', '  b:', '    parent: a', '  c:', '    parent: b'], dockerfiles('a', 'b', 'c'),
      '3 images.a.parent (image a)', /^cycle in the hierarchy: a -> b -> c -> a$/],
    ['an unknown tagger', ['images:', '  a:', '    taggers:', '      - python', '      - pyhton'], dockerfiles('a'),
      '5 images.a.taggers.1 (image a)', /^unknown tagger "pyhton" \(did you mean "python"\?\)$/],
    ['an unknown manifest', ['images:', '  a:', '    manifests: [apt-packages, conda-packages]'], dockerfiles('a'),
      '3 images.a.manifests.1 (image a)', /^unknown manifest "conda-packages"$/],
    ['a missing Dockerfile', ['images:', '  a:', '    description: no Dockerfile'], ['images/a/README'],
      '2 images.a (image a)', /^Dockerfile \/.*\/images\/a\/Dockerfile is missing$/],
    ['a missing named Dockerfile', ['images:', '  a:', '    dockerfile: gpu.Dockerfile'], dockerfiles('a'),
      '3 images.a.dockerfile (image a)', /^Dockerfile \/.*\/images\/a\/gpu\.Dockerfile is missing$/],
    ['a duplicate image key', ['images:', '  a: {}', '  b: {}', '  a:', '    parent: b'], dockerfiles('a', 'b'),
      '4 images.a (image a)', /^duplicate key \(Map keys must be unique\)$/],
    ['an image name with uppercase', ['images:', '  Base_Notebook: {}'], dockerfiles('Base_Notebook'),
      '2 images.Base_Notebook (image Base_Notebook)', /^"Base_Notebook" is not a valid OCI repository name component/],
    ['an image name starting with "-"', ['images:', '  ok: {}', '  -x: {}'], dockerfiles('ok', '-x'),
      '3 images.-x (image -x)', /^"-x" is not a valid OCI repository name component/],
    ['an unknown field', ['images:', '  x:', '    description: typo below', '    tagers: [python]'], dockerfiles('x'),
      '4 images.x.tagers (image x)', /^unknown key\(s\): tagers$/],
    ['a bad platform', ['images:', '  x:', '    platforms:', '      - x86_64', '      - arm64'], dockerfiles('x'),
      '5 images.x.platforms.1 (image x)', /x86_64.*aarch64/],
    ['a variant named default', ['images:', '  x:', '    variants:', '      default:', '        buildArgs: { A: b }'],
      [...dockerfiles('x'), 'images/x/default/Dockerfile'], '4 images.x.variants.default (image x)', /^"default" is the implicit variant$/],
    ['a missing variant context', ['images:', '  x:', '    variants:', '      cuda: { context: images/x/cuda }'], dockerfiles('x'),
      '4 images.x.variants.cuda.context (image x)', /^build context \/.*\/images\/x\/cuda is missing$/],
    ['a variant context without Dockerfile', ['images:', '  x:', '    variants:', '      cuda: { context: images/x/cuda }'],
      [...dockerfiles('x'), 'images/x/cuda/README'], '4 images.x.variants.cuda.dockerfile (image x)', /^Dockerfile \/.*\/images\/x\/cuda\/Dockerfile is missing$/],
    ['a tagger of two kinds', ['taggers:', '  numpy: { pip: numpy, apt: python3-numpy }', 'images: { x: {} }'], dockerfiles('x'),
      '2 taggers.numpy', /^a tagger needs exactly one of pip, apt, command, module \(found pip, apt\)$/],
    ['a command tagger without regex', ['taggers:', '  gcc:', '    command: [gcc, --version]', 'images: { x: {} }'], dockerfiles('x'),
      '2 taggers.gcc.regex', /^a command tagger needs a regex$/],
    ['a regex that does not compile', ['taggers:', '  gcc:', '    command: [gcc, --version]', '    regex: "gcc ("', 'images: { x: {} }'], dockerfiles('x'),
      '4 taggers.gcc.regex', /^invalid regex: /],
    ['a template naming a missing group', ['taggers:', '  gcc:', '    command: [gcc, --version]', '    regex: gcc (\\S+)', '    template: "gcc-{version}"', 'images: { x: {} }'], dockerfiles('x'),
      '5 taggers.gcc.template', /^template placeholder \{version\} is not a group of the regex \(it has 1 group\(s\)\)$/],
    ['a tagger named like a built-in', ['taggers:', '  python: { pip: python }', 'images: { x: {} }'], dockerfiles('x'),
      '2 taggers.python', /^"python" is a built-in tagger: choose another name$/],
    ['a missing plugin module', ['taggers:', '  site:', '    module: plugins/site.ts', 'images: { x: {} }'], dockerfiles('x'),
      '3 taggers.site.module', /^plugin module \/.*\/plugins\/site\.ts is missing$/],
    ['a commands manifest without title', ['manifests:', '  tools:', '    commands: [[gcc, --version]]', 'images: { x: {} }'], dockerfiles('x'),
      '2 manifests.tools.title', /^a commands manifest piece needs a title$/],
    ['an unknown key in a tagger', ['taggers:', '  numpy:', '    pip: numpy', '    prefx: np', 'images: { x: {} }'], dockerfiles('x'),
      '4 taggers.numpy.prefx', /^unknown key\(s\): prefx$/],
    ['a SW-Tag placeholder no tagger fills', ['images:', '  x:', '    taggers: [os]', '    swtag:', "      swRelease: '{pyton}'"], dockerfiles('x'),
      '5 images.x.swtag.swRelease (image x)', /^unknown placeholder \{pyton\} \(a tagger the image runs, or image, platform/],
    ['a stack SW-Tag field an image can not fill', ['swtag: { imagePlatform: "{os}" }', 'images:', '  x: { taggers: [os] }', '  y: {}'], dockerfiles('x', 'y'),
      '1 swtag.imagePlatform', /^\{os\}: image y does not run the os tagger \(add it to its taggers\)$/],
    ['an unknown SW-Tag filter', ['images:', '  x:', '    taggers: [os]', "    swtag: { imagePlatform: '{os|upper}' }"], dockerfiles('x'),
      '4 images.x.swtag.imagePlatform (image x)', /^unknown filter "\|upper" \(known: version\)$/],
    ['an unknown SW-Tag field', ['images:', '  x:', '    swtag: { swrelease: "1" }'], dockerfiles('x'),
      '3 images.x.swtag.swrelease (image x)', /^unknown key\(s\): swrelease$/],
  ])('%s', async (_label, lines, files, where, description) => {
    const file = await writeStack(lines, files);
    const error: unknown = await loadHierarchy(file, known).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StackhookError);
    const problem = error as StackhookError;
    expect(problem.kind).toBe('input');
    expect(problem.exitCode).toBe(2);
    const shown = path.relative(process.cwd(), file);
    expect(problem.subject).toBe(`${shown}:${where}`);
    expect(problem.description).toMatch(description);
    expect(problem.message).toBe(`${shown}:${where}: ${problem.description}`);
  });
});

describe('loadHierarchy with SW-Tag mappings', () => {
  it('checks only the fields an image ends up with: an override frees it from the stack’s placeholders', async () => {
    const file = await writeStack(
      [
        'swtag: { swRelease: "py-{python|version}" }',
        'images:',
        '  x: { taggers: [python] }',
        '  y:',
        '    swtag: { swRelease: none }',
      ],
      dockerfiles('x', 'y'),
    );
    const hierarchy = await loadHierarchy(file, known);
    expect(hierarchy.images.get('y')!.swtag.templates).toEqual({ swRelease: 'none' });
    expect(hierarchy.swtag.subjects.swRelease).toBe(
      `${path.relative(process.cwd(), file)}:1 swtag.swRelease`,
    );
  });
});

describe('loadHierarchy with taggers and manifests of its own', () => {
  it('lets images use them by name, with where each is defined', async () => {
    const file = await writeStack(
      [
        'taggers:',
        '  numpy: { pip: numpy, optional: true }',
        '  gcc: { command: [gcc, --version], regex: "\\\\) (\\\\S+)$", template: "gcc-{1}" }',
        'manifests:',
        '  toolchain: { title: Toolchain, commands: [[gcc, --version]] }',
        'images:',
        '  x: { taggers: [python, numpy, gcc], manifests: [toolchain] }',
      ],
      dockerfiles('x'),
    );
    const hierarchy = await loadHierarchy(file, known);
    expect(inheritedTaggers(hierarchy, 'x')).toEqual(['python', 'numpy', 'gcc']);
    expect(hierarchy.taggerDefinitions.get('numpy')).toMatchObject({
      definition: { pip: 'numpy', optional: true },
      subject: `${path.relative(process.cwd(), file)}:2 taggers.numpy`,
    });
    expect(hierarchy.taggerDefinitions.get('gcc')?.definition.regex).toBe('\\) (\\S+)$');
    expect(hierarchy.manifestDefinitions.get('toolchain')?.definition.title).toBe('Toolchain');
  });
});

describe('loadHierarchy on a good file', () => {
  const lines = `repository: jupyter/docker-stacks
images:
  root:
    base: { image: docker.io/library/debian:bookworm-slim }
    taggers: [python, os]
    manifests: [apt-packages]
  child:
    parent: root
    context: custom/child-context
    dockerfile: build/Dockerfile
    buildArgs: { FLAVOUR: plain }
    taggers: [os, notebook]
    manifests: [python-packages, apt-packages]
    variants:
      cuda:
        buildArgs: { CUDA: '12' }
      cuda12:
        context: custom/child-context/cuda12
  grandchild:
    parent: child
    platforms: [aarch64]
    taggers: [hub, python]`.split('\n');
  const files = [
    ...dockerfiles('root', 'grandchild'),
    'custom/child-context/build/Dockerfile',
    'custom/child-context/cuda/Dockerfile',
    'custom/child-context/cuda12/Dockerfile',
  ];

  it('fills in defaults and makes every path absolute', async () => {
    const hierarchy = await loadHierarchy(await writeStack(lines, files), known);
    expect(hierarchy).toMatchObject({
      file: path.join(dir, 'stacks.yaml'),
      rootDir: dir,
      registry: 'localhost:5000',
      owner: 'stackhook',
      repository: 'jupyter/docker-stacks',
      baseArg: 'BASE_IMAGE',
    });
    const root = hierarchy.images.get('root')!;
    expect(root.contextDir).toBe(path.join(dir, 'images/root'));
    expect(root.dockerfile).toBe(path.join(dir, 'images/root/Dockerfile'));
    expect(root).toMatchObject({
      platforms: ['x86_64'],
      line: 3,
      base: { image: 'docker.io/library/debian:bookworm-slim' },
    });
    const child = hierarchy.images.get('child')!;
    expect(child.contextDir).toBe(path.join(dir, 'custom/child-context'));
    expect(child.dockerfile).toBe(path.join(dir, 'custom/child-context/build/Dockerfile'));
    expect(child.variants.get('cuda')).toEqual({
      name: 'cuda',
      contextDir: path.join(dir, 'custom/child-context'),
      dockerfile: path.join(dir, 'custom/child-context/cuda/Dockerfile'),
      buildArgs: { FLAVOUR: 'plain', CUDA: '12' },
    });
    // A variant with its own context (docker-stacks' images/<image>/<variant>/): its Dockerfile is in it.
    expect(child.variants.get('cuda12')).toEqual({
      name: 'cuda12',
      contextDir: path.join(dir, 'custom/child-context/cuda12'),
      dockerfile: path.join(dir, 'custom/child-context/cuda12/Dockerfile'),
      buildArgs: { FLAVOUR: 'plain' },
    });
    expect(hierarchy.images.get('grandchild')).toMatchObject({ platforms: ['aarch64'], line: 19 });
    expect(hierarchy.graph.levels).toEqual([['root'], ['child'], ['grandchild']]);
  });

  it.each([
    ['root', ['python', 'os'], ['apt-packages']],
    ['child', ['python', 'os', 'notebook'], ['apt-packages', 'python-packages']],
    ['grandchild', ['python', 'os', 'notebook', 'hub'], ['apt-packages', 'python-packages']],
  ])(
    '%s inherits its ancestors’ taggers and manifests, then its own, once each',
    async (image, taggers, manifests) => {
      const hierarchy = await loadHierarchy(await writeStack(lines, files), known);
      expect(inheritedTaggers(hierarchy, image)).toEqual(taggers);
      expect(inheritedManifests(hierarchy, image)).toEqual(manifests);
    },
  );

  it('loads the repository’s own hierarchy/stacks.yaml', async () => {
    const hierarchy = await loadHierarchy(
      fileURLToPath(new URL('../../hierarchy/stacks.yaml', import.meta.url)),
      known,
    );
    expect(hierarchy.graph.levels).toEqual([
      ['docker-stacks-foundation'],
      ['base-notebook'],
      ['minimal-notebook'],
      ['r-notebook', 'scipy-notebook'],
    ]);
    expect(inheritedTaggers(hierarchy, 'r-notebook')).toEqual([
      'sha',
      'date',
      'os',
      'python-major-minor',
      'python',
      'mamba',
      'conda',
      'notebook',
      'lab',
      'hub',
      'r',
    ]);
    expect(inheritedTaggers(hierarchy, 'scipy-notebook').slice(-2)).toEqual(['numpy', 'scipy']);
    expect(hierarchy.taggerDefinitions.get('numpy')?.definition.pip).toBe('numpy');
    expect(inheritedManifests(hierarchy, 'r-notebook')).toEqual([
      'python-packages',
      'apt-packages',
      'r-packages',
    ]);
    // Tests are inherited as taggers are: the foundation's, base-notebook's, then r-notebook's own.
    expect(inheritedTests(hierarchy, 'r-notebook').map((test) => `${test.image}:${test.name}`)).toEqual([
      'docker-stacks-foundation:python',
      'docker-stacks-foundation:tini',
      'docker-stacks-foundation:jovyan',
      'base-notebook:jupyter-imports',
      'base-notebook:notebook-server',
      'r-notebook:r-packages',
    ]);
    expect(
      inheritedTests(hierarchy, 'scipy-notebook')
        .map((test) => test.name)
        .slice(-3),
    ).toEqual(['jupyter-imports', 'notebook-server', 'scipy-imports']);
    expect(hierarchy.images.get('docker-stacks-foundation')?.base?.debootstrap).toEqual({
      suite: 'bookworm',
      variant: 'minbase',
    });
  });
});
