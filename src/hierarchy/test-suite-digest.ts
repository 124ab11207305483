import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { requireImage, type Hierarchy } from './hierarchy.js';
import { inheritedTestDirs, inheritedTests } from './inherited-tests.js';

// What a suite's own runs leave in its folders: not part of the tests.
const GENERATED = /^(\..*|__pycache__|.*\.pyc)$/;

/**
 * A digest of what an image's host-side suites read besides their argv: the files of its test folders and of
 * its ancestors', the files their templates name (a script such as tests/suite.py) and, where pytest's
 * conftest.py or pytest.ini sits in a folder above them (docker-stacks' tests/, with its shared checks and
 * helpers the tests import), every file under the topmost such folder below the hierarchy's root. An image's
 * input digest does not see these (docker-stacks keeps tests/ outside the build contexts): without this, an
 * edited test would pass on a reused record. Undefined when the image has no host-side test.
 */
export async function testSuiteDigest(hierarchy: Hierarchy, image: string): Promise<string | undefined> {
  requireImage(hierarchy, image);
  const hostTests = inheritedTests(hierarchy, image).filter((test) => test.definition.host !== undefined);
  if (hostTests.length === 0) return undefined;
  const root = path.resolve(hierarchy.rootDir);
  const dirs = inheritedTestDirs(hierarchy, image);
  const files = new Set<string>();
  for (const dir of dirs) for (const file of await filesUnder(await suiteRoot(root, dir))) files.add(file);
  for (const test of hostTests)
    for (const arg of test.definition.host!) {
      const file = path.resolve(root, arg);
      if (!arg.includes('{') && file.startsWith(`${root}${path.sep}`) && (await isFile(file)))
        files.add(file);
    }
  const hash = createHash('sha256');
  for (const file of [...files].sort())
    hash
      .update(`${path.relative(root, file)}\0`)
      .update(await readFile(file))
      .update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** The topmost folder between `root` (excluded) and `dir` that configures pytest, else `dir`. */
async function suiteRoot(root: string, dir: string): Promise<string> {
  let top = dir;
  for (let up = path.dirname(dir); up.startsWith(`${root}${path.sep}`); up = path.dirname(up))
    if ((await isFile(path.join(up, 'conftest.py'))) || (await isFile(path.join(up, 'pytest.ini')))) top = up;
  return top;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    if (GENERATED.test(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(full)));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}
