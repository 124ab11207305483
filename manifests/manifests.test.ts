import { existsSync, readFileSync } from 'node:fs';
import type { ExecResult } from '../src/engine/exec-result.js';
import type { ManifestContext } from '../src/probe/probe-context.js';
import { humanSize } from './human-size.js';
import { BUILTIN_MANIFESTS, buildInfoManifest } from './index.js';

const FIXTURES = new URL('../test/fixtures/probe-output/', import.meta.url);
const fixture = (file: string): string =>
  existsSync(new URL(file, FIXTURES)) ? readFileSync(new URL(file, FIXTURES), 'utf8') : '';

/** What `argv` printed in a real container: `<name>.txt` is stdout, `<name>.stderr` (if any) stderr. */
function captured(name: string, argv: readonly string[]): ExecResult {
  if (!existsSync(new URL(`${name}.txt`, FIXTURES))) throw new Error(`no fixture ${name}.txt`);
  const stdout = fixture(`${name}.txt`);
  return { argv, exitCode: stdout === '' ? 127 : 0, stdout, stderr: fixture(`${name}.stderr`) };
}

const context: ManifestContext = {
  git: {
    sha: 'f'.repeat(40),
    shortSha: 'ffffffffffff',
    message: 'Add R\n\nWith packages.',
    root: '/r',
    githubRepository: undefined,
  },
  now: new Date('2024-02-29T12:00:00Z'),
  image: 'r-notebook',
  fullImage: 'localhost:5000/stackhook/r-notebook',
  imageSizeBytes: 806_524_232,
  buildTimestamp: '2024-02-29T12:00:00Z',
  repository: 'jupyter/docker-stacks',
};

function piece(name: string, fixtures: readonly string[]): string {
  const manifest = BUILTIN_MANIFESTS.get(name)!;
  const markdown = manifest.markdown(
    manifest.commands.map((argv, index) => captured(fixtures[index]!, argv)),
    context,
  );
  if (markdown === undefined) throw new Error(`${name} made no section`);
  return markdown;
}

const block = (command: string, fixtureName: string): string =>
  `\`${command}\`:\n\n\`\`\`text\n${fixture(`${fixtureName}.txt`).trimEnd()}\n\`\`\``;

describe('built-in manifest pieces over real command output', () => {
  it.each<[string, string[], string]>([
    [
      'apt-packages',
      ['apt-list-installed'],
      `## Apt Packages\n\n${block('apt list --installed', 'apt-list-installed')}`,
    ],
    [
      'python-packages',
      ['python3-version', 'python-distributions'],
      `## Python Packages\n\nPython 3.11.2\n\n${block('python3 -m pip list', 'python-distributions')}`,
    ],
  ])('%s renders %j', (name, fixtures, markdown) => {
    expect(piece(name, fixtures)).toBe(markdown);
  });

  it('apt-packages keeps apt’s stderr warning out of the manifest', () => {
    expect(fixture('apt-list-installed.stderr')).toContain(
      'WARNING: apt does not have a stable CLI interface',
    );
    expect(piece('apt-packages', ['apt-list-installed'])).not.toContain('WARNING');
    expect(piece('apt-packages', ['apt-list-installed'])).toContain(
      '\nadduser/now 3.134 all [installed,local]\n',
    );
  });

  it('r-packages quotes R --version and the package list, trailing spaces of R’s prompts removed', () => {
    const markdown = piece('r-packages', ['r-version', 'r-installed-packages']);
    expect(markdown).toMatch(
      /^## R Packages\n\n`R --version`:\n\n```text\nR version 4\.2\.2 Patched \(2022-11-10 r83330\)/,
    );
    expect(markdown).toContain(
      `\n\n\`R --silent -e 'installed.packages(.Library)[, c(1,3)]'\`:\n\n\`\`\`text\n> installed.packages`,
    );
    expect(markdown).toContain('\nbase      "base"      "4.2.2"\n');
    expect(markdown).toMatch(/"4\.2\.2"\n>\n>\n```$/);
    expect(fixture('r-installed-packages.txt')).toContain('> \n');
    expect(markdown.split('\n').filter((line) => line !== line.trimEnd())).toEqual([]);
  });

  it.each<[string, string[], string]>([
    [
      'python-packages',
      ['python3-version', 'missing-python3'],
      'command `python3 -m pip list` returned empty output',
    ],
    [
      'r-packages',
      ['missing-python3', 'r-installed-packages'],
      'command `R --version` returned empty output',
    ],
    ['apt-packages', ['missing-python3'], 'command `apt list --installed` returned empty output'],
  ])('%s throws on an empty output (%j), naming the command', (name, fixtures, message) => {
    expect(() => piece(name, fixtures)).toThrow(message);
  });

  it('lists apt-packages, python-packages and r-packages, keyed by name', () => {
    expect([...BUILTIN_MANIFESTS.keys()]).toEqual(['apt-packages', 'python-packages', 'r-packages']);
  });
});

describe('buildInfoManifest', () => {
  const expected = (commit: string): string =>
    [
      '## Build Info',
      '',
      '- Build timestamp: 2024-02-29T12:00:00Z',
      '- Docker image: `localhost:5000/stackhook/r-notebook:ffffffffffff`',
      '- Docker image size: 807MB',
      `- Git commit SHA: ${commit}`,
      '- Git commit message:',
      '',
      '```text',
      'Add R',
      '',
      'With packages.',
      '```',
    ].join('\n');

  it.each<[string | undefined, string]>([
    [
      'jupyter/docker-stacks',
      `[${'f'.repeat(40)}](https://github.com/jupyter/docker-stacks/commit/${'f'.repeat(40)})`,
    ],
    [undefined, 'f'.repeat(40)],
  ])('with repository %j links the commit as %s', (repository, commit) => {
    expect(buildInfoManifest.commands).toEqual([]);
    expect(buildInfoManifest.markdown([], { ...context, repository })).toBe(expected(commit));
  });
});

describe('humanSize (docker images: decimal units, 3 significant digits)', () => {
  it.each([
    [0, '0B'],
    [1, '1B'],
    [999, '999B'],
    [1000, '1kB'],
    [1500, '1.5kB'],
    [1024, '1.02kB'],
    [999_499, '999kB'],
    [611_000_000, '611MB'],
    [1_234_567_890, '1.23GB'],
    [10_500_000_000, '10.5GB'],
    [123_456_789_012, '123GB'],
    [2_000_000_000_000, '2TB'],
    [3e15, '3PB'],
  ])('%d bytes -> %s', (bytes, shown) => {
    expect(humanSize(bytes)).toBe(shown);
  });

  // podman images prints "611 MB", docker "611MB": the same go-units formatting.
  const sizes = fixture('image-sizes.tsv')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t') as [string, string, string]);

  it.each(sizes)('%s bytes is shown as podman shows it (%s, %s)', (bytes, podmanSize) => {
    expect(sizes.length).toBe(3);
    expect(humanSize(Number(bytes))).toBe(podmanSize.replace(' ', ''));
  });
});
