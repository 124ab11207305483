import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildRecord } from '../../src/records/build-record.js';
import type { MergedImage } from '../../src/records/merged-image.js';
import { manifestDigest } from '../../src/registry/manifest-digest.js';
import { fixtureRepo } from '../support/fixture-repo.js';
import { readFromImage } from '../support/podman-run.js';
import { runCli } from '../support/run-cli.js';
import { runWalkCli } from '../support/run-walk-cli.js';
import { walkSummaryLine } from '../support/walk-summary-line.js';

// root ── app ── app-child; app's variants `own` (its own context) and `broken` (its build fails).
let repo: string;
const walk = (...args: string[]) => runWalkCli(repo, ...args);
const line = walkSummaryLine;
const names = (records: BuildRecord[]) => records.map((record) => `${record.image}/${record.variant}`);

beforeAll(async () => {
  repo = await fixtureRepo('variant-stack');
});

describe('stackhook walk over variants', () => {
  let first: Awaited<ReturnType<typeof walk>>;
  beforeAll(async () => {
    first = await walk();
  });

  it('walks every variant as a build of its own; a failing variant stops only itself', () => {
    expect(first.exitCode).toBe(1);
    expect(names(first.records)).toEqual(['root/default', 'app/default', 'app/own', 'app-child/default']);
    expect(first.stderr).toMatch(/walk: 5 images in [\d.]+ s — \d built, \d reused, 1 failed, 0 skipped/);
    expect(line(first.stderr, 'app (broken)')).toMatch(
      /failed +[\d.]+s {2}image app \(\S+broken\/Dockerfile\): build failed \(podman exit 3\)/,
    );
    expect(line(first.stderr, 'app (own)')).toMatch(/ (built|reused) /);
    expect(line(first.stderr, 'app-child')).toMatch(/ (built|reused) /);
  });

  it('builds a variant FROM the image’s parent, from its own context, and the children FROM the default', async () => {
    const [root, app, own, child] = first.records;
    expect(own!.built.parentImageId).toBe(root!.built.imageId);
    expect(child!.built.parentImageId).toBe(app!.built.imageId);
    expect(await readFromImage(own!.built.imageId, ['cat', '/etc/stackhook-app.txt'])).toBe(
      'app, own variant',
    );
    expect(await readFromImage(app!.built.imageId, ['cat', '/etc/stackhook-app.txt'])).toBe('app');
  });

  it('tags and names the variant’s files with its prefix, as hook --variant does', async () => {
    const own = first.records.find((record) => record.variant === 'own')!;
    const short = own.git.sha.slice(0, 12);
    const image = 'localhost:5000/stackhook-variants/app';
    expect(own.tagPrefix).toBe('x86_64-own');
    expect(own.tags.slice(0, 2)).toEqual([`${image}:x86_64-own-latest`, `${image}:x86_64-own-${short}`]);
    expect(path.basename(own.files.tags)).toBe('x86_64-own-app.txt');
    expect(path.basename(own.files.manifest)).toBe(`x86_64-own-app-${short}.md`);
    expect(await readFile(own.files.tags, 'utf8')).toContain(`${image}:x86_64-own-latest`);
    const saved = JSON.parse(
      await readFile(path.join(repo, 'out', 'records', 'x86_64-own-app.json'), 'utf8'),
    ) as BuildRecord;
    expect(saved.built.imageId).toBe(own.built.imageId);
    // The default's record is its own, untouched by the variant's.
    const app = first.records.find((record) => record.image === 'app' && record.variant === 'default')!;
    expect(app.tags[0]).toBe(`${image}:x86_64-latest`);
  });

  it('reuses an unchanged variant like any image', async () => {
    const second = await walk('--variant', 'own');
    expect(second.exitCode).toBe(0);
    expect(line(second.stderr, 'app (own)')).toMatch(/reused .*input unchanged; record reused$/);
    expect(line(second.stderr, 'app (broken)')).toBe('');
    expect(second.records.find((record) => record.variant === 'own')).toEqual(
      first.records.find((record) => record.variant === 'own'),
    );
  });

  it.each([
    [['--no-variants'], 0, ['root/default', 'app/default', 'app-child/default']],
    [['app', '--variant', 'own'], 0, ['app/default', 'app/own', 'app-child/default']],
  ])('walk %j (exit %d) builds the defaults and the variants asked for', async (args, exitCode, builds) => {
    const result = await walk(...args);
    expect(result.exitCode).toBe(exitCode);
    expect(names(result.records)).toEqual(builds);
  });

  it('pushes a variant under its own prefix with --push', async () => {
    const registry = process.env.STACKHOOK_TEST_REGISTRY || '127.0.0.1:5000';
    const result = await walk('app', '--variant', 'own', '--push', '--registry', `${registry}/walk-variants`);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/walk: 3 images in [\d.]+ s — .*, 3 pushed/);
    const digest = /app \(own\) +\S+ .*pushed (sha256:[0-9a-f]{12})/.exec(result.stderr)?.[1];
    expect(digest).toBeDefined();
    expect(await manifestDigest(`${registry}/walk-variants/app:x86_64-own-latest`)).toMatch(
      new RegExp(`^${digest}`),
    );
    // The default's tag is its own manifest, not the variant's.
    expect(await manifestDigest(`${registry}/walk-variants/app:x86_64-latest`)).not.toMatch(
      new RegExp(`^${digest}`),
    );
  });

  it('merges the default and every variant the walk pushed with merge --all-variants', async () => {
    const registry = process.env.STACKHOOK_TEST_REGISTRY || '127.0.0.1:5000';
    const merged = await runCli(
      ['merge', 'app', '--hierarchy', 'stacks.yaml', '--out', 'out', '--all-variants', '--json'].concat([
        '--registry',
        `${registry}/walk-variants`,
      ]),
      repo,
    );
    expect({ exitCode: merged.exitCode, stderr: merged.exitCode === 0 ? '' : merged.stderr }).toEqual({
      exitCode: 0,
      stderr: '',
    });
    const images = JSON.parse(merged.stdout) as MergedImage[];
    // `broken` left no tags file: nothing of it to merge.
    expect(images.map((image) => image.variant)).toEqual(['default', 'own']);
    const own = images[1]!.tags.find((tag) => tag.reference.endsWith(':own-latest'));
    expect(own).toBeDefined();
    expect(await manifestDigest(own!.reference)).toBe(own!.digest);
  });

  it.each([
    [['--variant', 'gpu'], '--variant: no image has the variant "gpu" (variants: own, broken)'],
    [
      ['--variant', 'own', '--no-variants'],
      '--no-variants: --variant and --no-variants contradict each other',
    ],
  ])('refuses %j with exit 2', async (args, message) => {
    const result = await walk(...args);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
