import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildRecord } from '../../src/records/build-record.js';
import { manifestDigest } from '../../src/registry/manifest-digest.js';
import { fixtureRepo } from '../support/fixture-repo.js';
import { podmanJson, readFromImage } from '../support/podman-run.js';
import { runCli } from '../support/run-cli.js';
import { runWalkCli } from '../support/run-walk-cli.js';
import { walkSummaryLine } from '../support/walk-summary-line.js';

// root ── left ── broken ── below-broken
//      └─ right ── right-child
let repo: string;
const walk = (...args: string[]) => runWalkCli(repo, ...args);
const line = walkSummaryLine;

beforeAll(async () => {
  repo = await fixtureRepo('walk-stack');
});

describe('stackhook walk', () => {
  let first: Awaited<ReturnType<typeof walk>>;
  beforeAll(async () => {
    first = await walk();
  });

  it('walks every image parents first; a failure stops only its subtree, and exits 1', () => {
    expect(first.exitCode).toBe(1);
    expect(first.records.map((record) => record.image)).toEqual(['root', 'left', 'right', 'right-child']);
    expect(first.stderr).toMatch(/walk: 8 images in [\d.]+ s — \d built, \d reused, 2 failed, 2 skipped/);
    expect(line(first.stderr, 'broken')).toMatch(
      /failed +[\d.]+s {2}image broken \(\S+Dockerfile\): build failed \(podman exit 3\) at STEP 2\/\d+: RUN echo "this step fails"/,
    );
    expect(line(first.stderr, 'below-broken')).toMatch(/skipped +broken failed$/);
    // A failure after the build (its r tagger: no R in the image) stops the subtree too.
    expect(line(first.stderr, 'bad-probe')).toMatch(
      /failed .*tagger r failed: `R --version` exited with code 127/,
    );
    expect(line(first.stderr, 'below-bad-probe')).toMatch(/skipped +bad-probe failed$/);
    // The failing step is shown with podman's output.
    expect(first.stderr).toContain('this step fails');
  });

  it('builds each child FROM its parent', async () => {
    const child = first.records.find((record) => record.image === 'right-child')!;
    const right = first.records.find((record) => record.image === 'right')!;
    expect(child.built.parentImageId).toBe(right.built.imageId);
    expect(await readFromImage(child.built.imageId, ['cat', '/etc/stackhook-right.txt'])).toBe('right');
  });

  it('neither rebuilds nor re-probes what did not change, and rebuilds exactly the changed subtree', async () => {
    await writeFile(path.join(repo, 'images', 'right', 'note.txt'), 'right, changed\n');
    const second = await walk('root');
    for (const image of ['root', 'left'])
      expect(line(second.stderr, image)).toMatch(/reused .*input unchanged; record reused$/);
    for (const image of ['right', 'right-child']) expect(line(second.stderr, image)).toMatch(/ built /);
    const byImage = new Map(second.records.map((record) => [record.image, record]));
    const before = new Map(first.records.map((record) => [record.image, record]));
    // Reused records are the very records of the first walk (same probe timing, same build timestamp).
    expect(byImage.get('left')).toEqual(before.get('left'));
    expect(byImage.get('right')!.built.imageId).not.toBe(before.get('right')!.built.imageId);
    expect(byImage.get('right-child')!.built.parentImageId).toBe(byImage.get('right')!.built.imageId);
    expect(
      await readFromImage(byImage.get('right-child')!.built.imageId, ['cat', '/etc/stackhook-right.txt']),
    ).toBe('right, changed');
  });

  it('labels what it builds: OCI image labels, the input digest and the parent', async () => {
    const record = JSON.parse(
      await readFile(path.join(repo, 'out', 'records', 'x86_64-default-right.json'), 'utf8'),
    ) as BuildRecord;
    const [image] = await podmanJson<{ Labels: Record<string, string> }[]>([
      'image',
      'inspect',
      record.built.imageId,
    ]);
    expect(image!.Labels).toMatchObject({
      'org.opencontainers.image.title': 'right',
      'org.opencontainers.image.revision': record.git.sha,
      'org.opencontainers.image.version': record.git.sha.slice(0, 12),
      'io.stackhook.input-digest': record.built.inputDigest,
      'io.stackhook.parent-image': record.built.parentImageId,
    });
    expect(image!.Labels['org.opencontainers.image.created']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('walks only the named subtree, building the ancestors it needs without describing them', async () => {
    const only = await walk('right-child');
    expect(only.exitCode).toBe(0);
    expect(only.records.map((record) => record.image)).toEqual(['right-child']);
    expect(only.stderr).toMatch(/walk: 1 images in/);
  });

  it('pushes each image it walks with --push, to the digest the registry then serves', async () => {
    const registry = process.env.STACKHOOK_TEST_REGISTRY || '127.0.0.1:5000';
    const result = await runCli(
      [
        'walk',
        'right-child',
        '--hierarchy',
        'stacks.yaml',
        '--out',
        'out',
        '--push',
        '--registry',
        `${registry}/walk-push`,
      ],
      repo,
    );
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/walk: 1 images in [\d.]+ s — .*, 1 pushed/);
    const digest = /right-child +\S+ .*pushed (sha256:[0-9a-f]{12})/.exec(result.stderr)?.[1];
    expect(digest).toBeDefined();
    expect(await manifestDigest(`${registry}/walk-push/right-child:x86_64-latest`)).toMatch(
      new RegExp(`^${digest}`),
    );
  });

  it('rejects an unknown image and a bad --jobs with exit 2', async () => {
    expect((await walk('nope')).exitCode).toBe(2);
    const jobs = await runCli(['walk', '--hierarchy', 'stacks.yaml', '--jobs', 'many'], repo);
    expect(jobs.exitCode).toBe(2);
    expect(jobs.stderr).toContain('--jobs: not a number of jobs: "many"');
  });

  it('probes an unchanged image again when its taggers changed in the hierarchy', async () => {
    const file = path.join(repo, 'stacks.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('taggers: [sha, os]', 'taggers: [sha, os, date]'),
    );
    const again = await walk('right-child');
    expect(line(again.stderr, 'right-child')).toMatch(/reused .*input unchanged; probed again$/);
    expect(again.records[0]!.probe.tags.map((tag) => tag.tagger)).toEqual(['sha', 'os', 'date']);
  });

  it('writes each record where hook would', async () => {
    const record = JSON.parse(
      await readFile(path.join(repo, 'out', 'records', 'x86_64-default-left.json'), 'utf8'),
    );
    expect(record.image).toBe('left');
  });
});
