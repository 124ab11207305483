import { access, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { openServiceDatabase } from '../../src/server/open-service-database.js';
import type { BuildRecord } from '../../src/records/build-record.js';
import { fixtureRepo } from '../support/fixture-repo.js';
import { runAction } from '../support/run-action.js';
import { runCli } from '../support/run-cli.js';
import { walkSummaryLine } from '../support/walk-summary-line.js';

// Tests that gate the push, with real podman, the test registry and a SQLite catalog (test/fixtures/test-stack):
//   root ── left ── left-fails ── below-left-fails
//        │       └─ left-sibling
//        └─ right ── right-child
const REGISTRY = process.env.STACKHOOK_TEST_REGISTRY || '127.0.0.1:5000';
const owner = `tests-${Date.now()}`;
let repo: string;

/** The tags a registry holds for a repository, read by skopeo; [] when it has none. */
async function registryTags(repository: string): Promise<string[]> {
  const result = await execa('skopeo', ['list-tags', '--tls-verify=false', `docker://${repository}`], {
    reject: false,
  });
  return result.exitCode === 0 ? ((JSON.parse(result.stdout) as { Tags: string[] }).Tags ?? []).sort() : [];
}

/** The JUnit file as a real XML parser (Python's) reads it: suite counts, and each case's failure and output. */
async function junit(file: string) {
  const script = `
import json, sys, xml.etree.ElementTree as E
root = E.parse(sys.argv[1]).getroot()
suite = root.find("testsuite")
print(json.dumps({
  "root": root.tag, "suite": dict(suite.attrib),
  "cases": [{**case.attrib,
             "failure": None if case.find("failure") is None else {**case.find("failure").attrib, "text": case.find("failure").text},
             "out": case.findtext("system-out"), "err": case.findtext("system-err")} for case in suite.iter("testcase")]}))`;
  const { stdout } = await execa('python3', ['-c', script, file]);
  return JSON.parse(stdout) as {
    root: string;
    suite: Record<string, string>;
    cases: (Record<string, string> & {
      failure: { message: string; type: string; text: string } | null;
      out: string | null;
      err: string | null;
    })[];
  };
}

const line = walkSummaryLine;

beforeAll(async () => {
  repo = await fixtureRepo('test-stack');
});

describe('walk --push --register with tests', () => {
  let result: Awaited<ReturnType<typeof runCli>>;
  let records: BuildRecord[];
  const database = () => path.join(repo, 'catalog.sqlite');
  beforeAll(async () => {
    result = await runCli(
      ['walk', '--hierarchy', 'stacks.yaml', '--out', 'out', '--jobs', '2', '--json'].concat([
        '--push',
        '--registry',
        `${REGISTRY}/${owner}`,
        '--register',
        '--catalog',
        database(),
      ]),
      repo,
    );
    records = result.stdout ? (JSON.parse(result.stdout) as BuildRecord[]) : [];
  });

  it('stops an image whose own test fails, and its subtree, at either level; siblings go on', () => {
    expect(result.exitCode).toBe(1);
    expect(records.map((record) => record.image).sort()).toEqual(['left', 'left-sibling', 'root']);
    expect(result.stderr).toMatch(
      /walk: 7 images in [\d.]+ s — \d built, \d reused, 2 failed, 2 skipped, 3 pushed/,
    );
    expect(line(result.stderr, 'left-fails')).toMatch(
      /failed +[\d.]+s {2}image left-fails: failed: test exits-3 \(`sh -c .*` exited with code 3, expected 0\)$/,
    );
    expect(line(result.stderr, 'below-left-fails')).toMatch(/skipped +left-fails failed$/);
    expect(line(result.stderr, 'right')).toMatch(
      /failed .*image right: failed: test wrong-output \(`cat \/etc\/stackhook-right.txt` stdout does not match \/\^not what it says\$\/\)$/,
    );
    expect(line(result.stderr, 'right-child')).toMatch(/skipped +right failed$/);
    expect(line(result.stderr, 'left-sibling')).toMatch(/(built|reused) .*tests 4 passed; pushed sha256:/);
    // What the failing command printed is shown.
    expect(result.stderr).toContain('the thing is broken');
  });

  it("runs an image's ancestors' tests and its own, and records them", () => {
    const sibling = records.find((record) => record.image === 'left-sibling')!;
    expect(sibling.tests).toMatchObject({ skipped: false, passed: 4, failed: 0 });
    expect(sibling.tests!.cases.map((test) => [test.name, test.from, test.kind, test.passed])).toEqual([
      ['debian', 'root', 'run', true],
      ['suite', 'root', 'host', true],
      ['left-note', 'left', 'run', true],
      ['expects-exit-2', 'left-sibling', 'run', true],
    ]);
    expect(records.find((record) => record.image === 'root')!.tests!.cases.map((test) => test.name)).toEqual([
      'debian',
      'suite',
    ]);
  });

  it('pushes and registers nothing of a failed image or its subtree', async () => {
    for (const image of ['left-fails', 'below-left-fails', 'right', 'right-child'])
      expect(await registryTags(`${REGISTRY}/${owner}/${image}`)).toEqual([]);
    for (const image of ['root', 'left', 'left-sibling'])
      expect(await registryTags(`${REGISTRY}/${owner}/${image}`)).toContain('x86_64-latest');
    const { db } = await openServiceDatabase(database());
    try {
      const images = await db.selectFrom('image').select('repository_name').execute();
      expect(images.map((image) => image.repository_name).sort()).toEqual(['left', 'left-sibling', 'root']);
    } finally {
      await db.destroy();
    }
    // Nor are its tags, manifest or record written; its JUnit file is.
    await expect(
      access(path.join(repo, 'out', 'records', 'x86_64-default-left-fails.json')),
    ).rejects.toThrow();
    await expect(access(path.join(repo, 'out', 'tags', 'x86_64-default-left-fails.txt'))).rejects.toThrow();
    await access(path.join(repo, 'out', 'tests', 'x86_64-default-left-fails.xml'));
  });

  it('writes JUnit XML per image: counts, failure with its output, the defining image as classname', async () => {
    const failing = await junit(path.join(repo, 'out', 'tests', 'x86_64-default-left-fails.xml'));
    expect(failing.root).toBe('testsuites');
    expect(failing.suite).toMatchObject({ name: 'left-fails', tests: '4', failures: '1', errors: '0' });
    expect(failing.cases.map((test) => [test.name, test.classname])).toEqual([
      ['debian', 'root.run'],
      ['suite', 'root.host'],
      ['left-note', 'left.run'],
      ['exits-3', 'left-fails.run'],
    ]);
    const broken = failing.cases[3]!;
    expect(broken.failure).toMatchObject({ message: 'exited with code 3, expected 0', type: 'exit-code' });
    expect(broken.failure!.text).toContain('checking the thing');
    expect(broken.out).toBe('checking the thing\n');
    expect(broken.err).toBe('the thing is broken\n');
    expect(failing.cases.slice(0, 3).every((test) => test.failure === null)).toBe(true);
    const right = await junit(path.join(repo, 'out', 'tests', 'x86_64-default-right.xml'));
    expect(right.cases.find((test) => test.name === 'wrong-output')!.failure).toMatchObject({
      message: 'stdout does not match /^not what it says$/',
      type: 'stdout',
    });
  });

  it('gives a host-side suite the test folders of the image and its ancestors and its names', async () => {
    const suiteArgs = async (image: string) => {
      const report = await junit(path.join(repo, 'out', 'tests', `x86_64-default-${image}.xml`));
      return JSON.parse(report.cases.find((test) => test.name === 'suite')!.out!) as Record<string, unknown>;
    };
    expect(await suiteArgs('left-sibling')).toEqual({
      dirs: ['root', 'left', 'left-sibling'].map((image) => path.join(repo, 'tests', 'by_image', image)),
      registry: 'localhost:5000',
      owner: 'stackhook-tests',
      image: 'left-sibling',
      reference: 'localhost:5000/stackhook-tests/left-sibling:x86_64-latest',
    });
    // right names its folder (testDir); left has tests/by_image/left.
    expect((await suiteArgs('right')).dirs).toEqual([
      path.join(repo, 'tests', 'by_image', 'root'),
      path.join(repo, 'suites', 'right'),
    ]);
  });

  it('puts a Tests line in the manifest', async () => {
    const sibling = records.find((record) => record.image === 'left-sibling')!;
    const manifest = await readFile(sibling.files.manifest, 'utf8');
    expect(manifest).toMatch(/\n## Tests\n\n4 passed\n/);
  });
});

describe('hook with tests', () => {
  const hook = (...args: string[]) =>
    runCli(
      [
        'hook',
        '--hierarchy',
        'stacks.yaml',
        '--out',
        'hook-out',
        '--registry',
        REGISTRY,
        '--owner',
        `${owner}-hook`,
        ...args,
      ],
      repo,
    );

  it('exits 1 naming the image and the test, and pushes nothing', async () => {
    const failed = await hook('left-fails', '--push');
    expect(failed.exitCode).toBe(1);
    expect(failed.stderr).toMatch(
      /error: image left-fails: failed: test exits-3 \(`sh -c .*` exited with code 3, expected 0\)\n {2}checking the thing\n {2}the thing is broken\n {2}JUnit report: \S+x86_64-default-left-fails\.xml/,
    );
    expect(await registryTags(`${REGISTRY}/${owner}-hook/left-fails`)).toEqual([]);
    // Its parent, built on the way, is not pushed either: hook pushes only the image it was asked for.
    expect(await registryTags(`${REGISTRY}/${owner}-hook/left`)).toEqual([]);
  });

  it('skips the tests with --no-test, then tags and pushes', async () => {
    const skipped = await hook('left-fails', '--push', '--no-test', '--json');
    expect(skipped.exitCode).toBe(0);
    const record = JSON.parse(skipped.stdout) as BuildRecord & { pushed: { digest: string } };
    expect(record.tests).toMatchObject({ skipped: true, cases: [] });
    expect(await registryTags(`${REGISTRY}/${owner}-hook/left-fails`)).toContain('x86_64-latest');
    expect(await readFile(record.files.manifest, 'utf8')).toMatch(/\n## Tests\n\nskipped \(--no-test\)\n/);
    expect(skipped.stderr).toContain('left-fails: 4 tests skipped (--no-test)');
  });

  it('fills {registry} and {owner} from --registry and --owner', async () => {
    const passed = await hook('root', '--json');
    expect(passed.exitCode).toBe(0);
    const report = await junit(path.join(repo, 'hook-out', 'tests', 'x86_64-default-root.xml'));
    expect(JSON.parse(report.cases.find((test) => test.name === 'suite')!.out!)).toMatchObject({
      registry: REGISTRY,
      owner: `${owner}-hook`,
      reference: `${REGISTRY}/${owner}-hook/root:x86_64-latest`,
    });
  });
});

describe('walk --no-test', () => {
  it('walks a subtree whose test fails as if it had none, and tests it again once tests are on', async () => {
    const skipped = await runCli(
      ['walk', 'right', '--hierarchy', 'stacks.yaml', '--out', 'out', '--no-test'],
      repo,
    );
    expect(skipped.exitCode).toBe(0);
    expect(skipped.stderr).toMatch(/walk: 2 images in [\d.]+ s — \d built, \d reused, 0 failed, 0 skipped/);
    expect(line(skipped.stderr, 'right')).toMatch(/tests skipped \(--no-test\)$/);
    // A record written without tests is not reused by a walk that tests.
    const tested = await runCli(['walk', 'right', '--hierarchy', 'stacks.yaml', '--out', 'out'], repo);
    expect(tested.exitCode).toBe(1);
    expect(line(tested.stderr, 'right')).toMatch(/failed: test wrong-output/);
  });
});

describe('walk after a file of a suite changed', () => {
  it('tests an unchanged image again, its record not reused, and stops it when the suite now fails', async () => {
    const walk = () =>
      runCli(['walk', 'left-sibling', '--hierarchy', 'stacks.yaml', '--out', 'suite-out'], repo);
    expect((await walk()).exitCode).toBe(0);
    const again = await walk();
    expect(line(again.stderr, 'left-sibling')).toMatch(/record reused/);
    // The suite checks each folder's marker.txt: left's folder is one of left-sibling's (inherited).
    const marker = path.join(repo, 'tests', 'by_image', 'left', 'marker.txt');
    const kept = await readFile(marker);
    await rm(marker);
    try {
      const edited = await walk();
      expect(edited.exitCode).toBe(1);
      expect(line(edited.stderr, 'left-sibling')).toMatch(/failed: test suite/);
    } finally {
      await writeFile(marker, kept);
    }
  });
});

describe('the Action (dist/action.mjs) with tests', () => {
  it('shows the tests in the job summary and what failed; test: false skips them', async () => {
    const inputs = { command: 'walk', hierarchy: 'stacks.yaml', images: 'left', out: 'action-out' };
    const run = await runAction(repo, inputs, 'pull_request');
    expect(run.exitCode).toBe(1);
    expect(run.summary).toMatch(
      /\| left-fails \| image left-fails: failed: test exits-3 \(`sh -c .*` exited with code 3, expected 0\) · JUnit `action-out\/tests\/x86_64-default-left-fails\.xml` \|/,
    );
    expect(run.summary).toContain(
      '### left-sibling (x86_64)\n\nTests: 4 passed · JUnit `action-out/tests/x86_64-default-left-sibling.xml`',
    );
    const skipped = await runAction(repo, { ...inputs, test: 'false' }, 'pull_request');
    expect(skipped.exitCode).toBe(0);
    expect(skipped.summary).toContain('### left-fails (x86_64)\n\nTests: skipped (--no-test)');
  });
});
