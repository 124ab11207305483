import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StackhookError } from '../errors/stackhook-error.js';
import { inheritedTestDirs, inheritedTests } from './inherited-tests.js';
import { loadHierarchy } from './load-hierarchy.js';

const known = { taggers: new Set<string>(), manifests: new Set<string>() };
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-tests-'));
  for (const image of ['foundation', 'base', 'minimal', 'scipy', 'r'])
    await mkdir(path.join(dir, 'images', image), { recursive: true }).then(() =>
      writeFile(path.join(dir, 'images', image, 'Dockerfile'), 'FROM scratch\n'),
    );
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function load(lines: readonly string[], folders: readonly string[] = []) {
  for (const folder of folders) await mkdir(path.join(dir, folder), { recursive: true });
  const file = path.join(dir, 'stacks.yaml');
  await writeFile(file, `${lines.join('\n')}\n`);
  return loadHierarchy(file, known);
}

// foundation ── base ── minimal ── scipy
//                              └─ r
const STACK = [
  'images:',
  '  foundation:',
  '    tests:',
  '      - { name: python, run: [python3, --version] }',
  '      - { name: suite, host: [pytest, "{dirs}", --image, "{image}"] }',
  '  base: { parent: foundation, tests: [{ name: notebook, run: [jupyter, notebook, --version] }] }',
  '  minimal: { parent: base }',
  '  scipy:',
  '    parent: minimal',
  '    tests:',
  '      - { name: imports, run: [python3, -c, "import scipy"] }',
  '      - { name: python, run: [python3, -c, "import sys"], stdout: "^$" }',
  '  r: { parent: minimal, testDir: r-tests, tests: [{ name: r, run: [R, --version], exit: 0 }] }',
];

describe('inheritedTests', () => {
  // prettier-ignore
  it.each<[string, string[], string[]]>([
    ['foundation', ['python', 'suite'], ['foundation', 'foundation']],
    ['base', ['python', 'suite', 'notebook'], ['foundation', 'foundation', 'base']],
    ['minimal', ['python', 'suite', 'notebook'], ['foundation', 'foundation', 'base']],
    // scipy's own "python" replaces foundation's where foundation had it.
    ['scipy', ['python', 'suite', 'notebook', 'imports'], ['scipy', 'foundation', 'base', 'scipy']],
    ['r', ['python', 'suite', 'notebook', 'r'], ['foundation', 'foundation', 'base', 'r']],
  ])('%s runs its ancestors’ tests, then its own', async (image, names, from) => {
    const hierarchy = await load(STACK, ['r-tests']);
    const tests = inheritedTests(hierarchy, image);
    expect(tests.map((test) => test.name)).toEqual(names);
    expect(tests.map((test) => test.image)).toEqual(from);
  });

  it('defaults exit to 0 and says where each test is written', async () => {
    const hierarchy = await load(STACK, ['r-tests']);
    const [python] = inheritedTests(hierarchy, 'foundation');
    expect(python!.definition).toEqual({ name: 'python', run: ['python3', '--version'], exit: 0 });
    expect(python!.subject).toMatch(/stacks\.yaml:4 images\.foundation\.tests\.0 \(image foundation\)$/);
  });
});

describe('inheritedTestDirs', () => {
  it("gathers docker-stacks' tests/by_image/<image> folders that exist and declared testDir, root first", async () => {
    const hierarchy = await load(STACK, ['tests/by_image/foundation', 'tests/by_image/minimal', 'r-tests']);
    expect(inheritedTestDirs(hierarchy, 'r')).toEqual([
      path.join(dir, 'tests/by_image/foundation'),
      path.join(dir, 'tests/by_image/minimal'),
      path.join(dir, 'r-tests'),
    ]);
    expect(inheritedTestDirs(hierarchy, 'base')).toEqual([path.join(dir, 'tests/by_image/foundation')]);
  });
});

describe('tests in stacks.yaml: bad input names the file, line and key', () => {
  const one = (test: string) => ['images:', '  foundation:', '    tests:', `      - ${test}`];
  // prettier-ignore
  it.each<[string, string[], string, RegExp]>([
    ['neither run nor host', one('{ name: x }'), '4 images.foundation.tests.0', /^a test needs exactly one of run, host$/],
    ['both run and host', one('{ name: x, run: [a], host: [b] }'), '4 images.foundation.tests.0', /^a test needs exactly one of run, host$/],
    ['a shell string for run', one('{ name: x, run: "python3 -c 1" }'), '4 images.foundation.tests.0.run', /array/],
    ['an exit code out of range', one('{ name: x, run: [a], exit: 256 }'), '4 images.foundation.tests.0.exit', /255/],
    ['an unknown key', one('{ name: x, run: [a], expect: 1 }'), '4 images.foundation.tests.0.expect', /^unknown key\(s\): expect$/],
    ['a bad name', one('{ name: "two words", run: [a] }'), '4 images.foundation.tests.0.name', /^a test name is letters/],
    ['a regex that does not compile', one('{ name: x, run: [a], stdout: "(" }'), '4 images.foundation.tests.0.stdout', /^invalid regex: /],
    ['an unknown placeholder', one('{ name: x, host: [pytest, "{dir}"] }'), '4 images.foundation.tests.0.host.1', /^unknown placeholder \{dir\}/],
    ['{dirs} inside an argument', one('{ name: x, host: [pytest, "--in={dirs}"] }'), '4 images.foundation.tests.0.host.1', /must be a whole argument$/],
    ['a name used twice', [...one('{ name: x, run: [a] }'), '      - { name: x, run: [b] }'], '5 images.foundation.tests.1.name', /^test "x" is defined twice$/],
    ['a missing testDir', ['images:', '  foundation: { testDir: nowhere }'], '2 images.foundation.testDir', /^test folder \/.*\/nowhere is missing$/],
  ])('%s', async (_label, lines, where, description) => {
    const error = (await load(lines).catch((caught: unknown) => caught)) as StackhookError;
    expect(error).toBeInstanceOf(StackhookError);
    expect(error.exitCode).toBe(2);
    expect(error.subject).toBe(`${path.relative(process.cwd(), path.join(dir, 'stacks.yaml'))}:${where} (image foundation)`);
    expect(error.description).toMatch(description);
  });
});
