import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadHierarchy } from './load-hierarchy.js';
import { testSuiteDigest } from './test-suite-digest.js';

// The test stack of test/walk/image-tests.int.test.ts: root's host suite (tests/suite.py, {dirs}) is inherited
// by every image; left and left-sibling have tests/by_image folders, right its testDir suites/right.
const known = { taggers: new Set(['sha', 'os']), manifests: new Set<string>() };
const IMAGES = ['root', 'left', 'left-sibling', 'right', 'right-child'];
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-suite-digest-'));
  await cp(path.resolve('test/fixtures/test-stack'), dir, { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function digests(): Promise<Record<string, string | undefined>> {
  const hierarchy = await loadHierarchy(path.join(dir, 'stacks.yaml'), known);
  const entries = await Promise.all(
    IMAGES.map(async (image) => [image, await testSuiteDigest(hierarchy, image)]),
  );
  return Object.fromEntries(entries) as Record<string, string | undefined>;
}

/** The images whose digest differs between two readings. */
function changed(before: Record<string, string | undefined>, after: Record<string, string | undefined>) {
  return IMAGES.filter((image) => before[image] !== after[image]);
}

describe('testSuiteDigest', () => {
  it('is stable while nothing changes', async () => {
    const first = await digests();
    expect(Object.values(first).every((digest) => /^[0-9a-f]{16}$/.test(digest!))).toBe(true);
    expect(await digests()).toEqual(first);
  });

  it('reads the whole folder that holds conftest.py: a helper the tests import counts', async () => {
    await mkdir(path.join(dir, 'tests/utils'));
    await writeFile(path.join(dir, 'tests/utils/helper.py'), 'x');
    const without = await digests();
    await writeFile(path.join(dir, 'tests/utils/helper.py'), 'y');
    expect(changed(without, await digests())).toEqual([]);
    await writeFile(path.join(dir, 'tests/conftest.py'), 'import pytest\n');
    const before = await digests();
    await writeFile(path.join(dir, 'tests/utils/helper.py'), 'z');
    expect(changed(before, await digests())).toEqual(IMAGES);
  });

  it.each<[string, (root: string) => Promise<void>, string[]]>([
    [
      'a file in an ancestor’s test folder',
      (root) => writeFile(path.join(root, 'tests/by_image/left/marker.txt'), 'x'),
      ['left', 'left-sibling'],
    ],
    [
      'a file added to a testDir',
      (root) => writeFile(path.join(root, 'suites/right/test_more.py'), 'x'),
      ['right', 'right-child'],
    ],
    [
      'the suite script the template names',
      (root) => writeFile(path.join(root, 'tests/suite.py'), '# edited\n'),
      IMAGES,
    ],
    [
      'a conftest.py above the folders',
      (root) => writeFile(path.join(root, 'tests/conftest.py'), 'x'),
      IMAGES,
    ],
    [
      'only what a run leaves behind',
      async (root) => {
        await mkdir(path.join(root, 'tests/by_image/root/__pycache__'));
        await writeFile(path.join(root, 'tests/by_image/root/__pycache__/test_x.cpython-312.pyc'), 'x');
        await mkdir(path.join(root, 'tests/by_image/root/.pytest_cache'));
      },
      [],
    ],
  ])('changes with %s for the images that read it', async (_, edit, images) => {
    const before = await digests();
    await edit(dir);
    expect(changed(before, await digests())).toEqual(images);
  });
});
