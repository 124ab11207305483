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
  const stderr = fixture(`${name}.stderr`);
  // The missing-* fixtures are the shell's "not found" (exit 127).
  return { argv, exitCode: /: not found$/m.test(stderr) ? 127 : 0, stdout, stderr };
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

  it("julia-packages quotes versioninfo() and Pkg.status() under docker-stacks' commands", () => {
    expect(piece('julia-packages', ['julia-versioninfo', 'julia-pkg-status'])).toBe(
      [
        '## Julia Packages',
        block("julia -E 'using InteractiveUtils; versioninfo()'", 'julia-versioninfo'),
        block("julia -E 'import Pkg; Pkg.status()'", 'julia-pkg-status'),
      ].join('\n\n'),
    );
  });

  it('spark-info quotes the banner spark-submit prints on stderr', () => {
    expect(fixture('spark-submit-version.txt')).toBe('');
    const markdown = piece('spark-info', ['spark-submit-version']);
    expect(markdown).toMatch(
      /^## Apache Spark\n\n`\/usr\/local\/spark\/bin\/spark-submit --version`:\n\n```text\nWelcome to\n/,
    );
    expect(markdown).toContain('/___/ .__/\\_,_/_/ /_/\\_\\   version 3.5.4\n');
    expect(markdown).toMatch(/\nType --help for more information\.\n```$/);
  });

  it('conda-environment: the interpreter, then conda info, mamba info and mamba list, trimmed', () => {
    const markdown = piece('conda-environment', [
      'python3-version',
      'conda-info',
      'mamba-info',
      'mamba-list',
    ]);
    expect(markdown.split(/\n\n`(?=[a-z])/)).toEqual([
      '## Python Packages\n\nPython 3.11.2',
      expect.stringMatching(/^conda info`:\n\n```text\n {5}active environment : base\n/),
      expect.stringMatching(/^mamba info`:\n\n```text\n {7}libmamba version : 2\.0\.5\n/),
      expect.stringMatching(/^mamba list`:\n\n```text\nList of packages in environment: "\/opt\/conda"\n/),
    ]);
    // mamba info's leading and trailing blank lines and mamba list's trailing spaces go, as in docker-stacks.
    expect(markdown).toContain('platform : linux-64\n```');
    expect(markdown).toContain('\n  tini           0.19.0   h7b32b05_1          conda-forge\n```');
    expect(markdown.split('\n').filter((line) => line !== line.trimEnd())).toEqual([]);
  });

  it.each<[string, string[], string | undefined]>([
    ['julia-packages', ['missing-julia', 'missing-julia'], undefined],
    ['spark-info', ['missing-spark-home'], undefined],
    ['conda-environment', ['python3-version', 'missing-conda', 'missing-mamba', 'missing-mamba'], undefined],
    [
      'conda-environment',
      ['python3-version', 'missing-conda', 'mamba-info', 'mamba-list'],
      '## Python Packages\n\nPython 3.11.2\n\n`mamba info`',
    ],
  ])('%s over %j, its tool absent: no section (or only what is there)', (name, fixtures, start) => {
    const manifest = BUILTIN_MANIFESTS.get(name)!;
    const results = manifest.commands.map((argv, index) => captured(fixtures[index]!, argv));
    const markdown = manifest.markdown(results, context);
    if (start === undefined) expect(markdown).toBeUndefined();
    else expect(markdown?.startsWith(start)).toBe(true);
  });

  it.each(['julia-packages', 'spark-info', 'conda-environment'])(
    '%s reports an installed tool that fails',
    (name) => {
      const manifest = BUILTIN_MANIFESTS.get(name)!;
      const results = manifest.commands.map((argv) => ({ argv, exitCode: 1, stdout: '', stderr: 'boom\n' }));
      expect(() => manifest.markdown(results, context)).toThrow('exited with code 1: boom');
    },
  );

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

  it('lists every built-in piece, keyed by name', () => {
    expect([...BUILTIN_MANIFESTS.keys()]).toEqual([
      'apt-packages',
      'python-packages',
      'r-packages',
      'conda-environment',
      'julia-packages',
      'spark-info',
    ]);
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
