import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { changesSection } from './changes-section.js';
import { comparablePackages } from './comparable-packages.js';
import { compareDebianVersions } from './compare-debian-versions.js';
import { compareLooseVersions } from './compare-loose-versions.js';
import type { Package } from '../records/package.js';
import { diffPackages } from './package-changes.js';
import { packagesFromManifest } from './packages-from-manifest.js';
import { parseAptList } from './parse-apt-list.js';
import { parsePipList } from './parse-pip-list.js';
import { parseRPackages } from './parse-r-packages.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../test/fixtures/probe-output/${name}`, import.meta.url), 'utf8');

describe('package lists parsed from real command output', () => {
  it('apt list --installed: every installed line, none of the banner', () => {
    const text = fixture('apt-list-installed.txt');
    const packages = parseAptList(text);
    expect(packages).toHaveLength(text.split('\n').filter((line) => line.includes('[installed')).length);
    expect(packages[0]).toEqual({ name: 'adduser', version: '3.134', source: 'apt', architecture: 'all' });
    expect(packages.find((pkg) => pkg.name === 'apt')).toMatchObject({
      version: '2.6.1',
      architecture: 'amd64',
    });
    // apt's stderr warning, if interleaved, is not a package.
    expect(parseAptList(`WARNING: apt does not have a stable CLI interface.\n\n${text}`)).toEqual(packages);
  });

  it('pip list table: every row after the rule', () => {
    const text = fixture('python-distributions.txt');
    const packages = parsePipList(text);
    expect(packages.length).toBe(text.trim().split('\n').length - 2);
    expect(packages[0]).toEqual({ name: 'alembic', version: '1.8.1.dev0', source: 'pip' });
    expect(parsePipList('no table here')).toEqual([]);
    const editable =
      'Package Version Editable project location\n------- ------- -------------------------\nmine    0.1     /src/mine\n';
    expect(parsePipList(editable)).toEqual([{ name: 'mine', version: '0.1', source: 'pip' }]);
  });

  it("R's matrix print of installed.packages", () => {
    const packages = parseRPackages(fixture('r-installed-packages.txt'));
    expect(packages[0]).toEqual({ name: 'base', version: '4.2.2', source: 'R' });
    expect(packages.map((pkg) => pkg.name)).toContain('utils');
    // The echoed command and the header are not rows.
    expect(packages.map((pkg) => pkg.name)).not.toContain('Package');
  });
});

describe('version order', () => {
  // prettier-ignore
  it.each<[string, string, number]>([
    ['1.0', '1.0', 0],
    ['1.0-1', '1.0-2', -1],
    ['1:1.0', '2.0', 1],
    ['1.0~rc1', '1.0', -1],
    ['1.0~rc1', '1.0~rc2', -1],
    ['1.0', '1.0+deb12u1', -1],
    ['2.36-9+deb12u4', '2.36-9+deb12u10', -1],
    ['1.0a', '1.0', 1],
    ['1.0.0', '1.0', 1],
    ['12.2.0-14', '12.2.0-14+deb12u1', -1],
    // Digit runs past Number's precision (git snapshots).
    ['0~git20230101123456788', '0~git20230101123456789', -1],
    ['1.00', '1.0', 0],
  ])('dpkg: %s vs %s is %i', (a, b, order) => {
    expect(compareDebianVersions(a, b)).toBe(order);
    expect(compareDebianVersions(b, a)).toBe(order === 0 ? 0 : -order);
  });

  // prettier-ignore
  it.each<[string, string, number]>([
    ['1.24.2', '1.24.10', -1],
    ['2.0.0rc1', '2.0.0', -1],
    ['1.0.dev1', '1.0a1', -1],
    ['1.0b2', '1.0rc1', -1],
    ['1.0', '1.0.post1', -1],
    ['1.0.post1', '1.0.1', -1],
    ['1.0-7', '1.0-10', -1],
    ['4.2.2', '4.2.2', 0],
    ['1.0', '1.0.0', 0],
    ['1.0', '1.0.1', -1],
    ['1!1.0', '2.0', 1],
    ['2024.01', '2024.1', 0],
    ['1.0-7', '1.0.7', 0],
    ['2.1.0+cpu', '2.1.0', 0],
    ['20230101123456788', '20230101123456789', -1],
  ])('pip and R: %s vs %s is %i', (a, b, order) => {
    expect(compareLooseVersions(a, b)).toBe(order);
    expect(compareLooseVersions(b, a)).toBe(order === 0 ? 0 : -order);
  });
});

describe('changes since the previous build', () => {
  const apt = (name: string, version: string, architecture = 'amd64'): Package => ({
    name,
    version,
    source: 'apt',
    architecture,
  });
  const pip = (name: string, version: string): Package => ({ name, version, source: 'pip' });
  const previous = [
    apt('bash', '5.2.15-2'),
    apt('gone', '1.0'),
    pip('NumPy', '1.26.0'),
    pip('jupyter_core', '5.3.0'),
    apt('libc6', '2.36-9', 'i386'),
  ];
  const current = [
    apt('bash', '5.2.15-2+b2'),
    pip('numpy', '1.24.2'),
    pip('jupyter-core', '5.3.0'),
    apt('git', '1:2.39.5-0+deb12u1'),
    apt('libc6', '2.36-9', 'amd64'),
  ];

  it('sorts packages into added, removed, upgraded and downgraded', () => {
    const changes = diffPackages(previous, current);
    expect(changes.added.map((pkg) => `${pkg.name}:${pkg.architecture}`)).toEqual([
      'git:amd64',
      'libc6:amd64',
    ]);
    expect(changes.removed.map((pkg) => `${pkg.name}:${pkg.architecture}`)).toEqual([
      'gone:amd64',
      'libc6:i386',
    ]);
    expect(changes.upgraded).toEqual([{ name: 'bash', source: 'apt', from: '5.2.15-2', to: '5.2.15-2+b2' }]);
    // pip names are compared as pip normalises them: NumPy is numpy, jupyter_core is jupyter-core.
    expect(changes.downgraded).toEqual([{ name: 'numpy', source: 'pip', from: '1.26.0', to: '1.24.2' }]);
  });

  it('orders each list the same whatever the machine\'s locale (Danish sorts "aa" after "z")', async () => {
    const names = ['zlib', 'aalib', 'libyaml', 'libk', 'Libz'];
    const program = [
      `import { diffPackages } from ${JSON.stringify(new URL('./package-changes.ts', import.meta.url).pathname)};`,
      `const added = diffPackages([], ${JSON.stringify(names.map((name) => apt(name, '1')))}).added;`,
      'console.log(added.map((pkg) => pkg.name).join(" "));',
    ].join('\n');
    const orders = await Promise.all(
      ['C.UTF-8', 'da_DK.UTF-8', 'lt_LT.UTF-8'].map(async (locale) => {
        const env = { ...process.env, LC_ALL: locale, LANG: locale };
        const { stdout } = await execa('npx', ['tsx', '--eval', program], { env });
        return stdout.trim();
      }),
    );
    expect(orders).toEqual(Array(3).fill('aalib libk libyaml Libz zlib'));
  });

  it('renders the section with counts and a table, or says why there is nothing to compare', () => {
    const changes = diffPackages(previous, current);
    const found = {
      foundIn: 'out folder' as const,
      reference: 'records/x.json',
      buildTimestamp: '2026-11-20T10:00:00Z',
      gitSha: 'b'.repeat(40),
      packages: previous,
    };
    const markdown = changesSection(found, changes, ['out folder']);
    expect(markdown).toContain(
      '## Changes since the previous build\n\nCompared with `records/x.json` (built 2026-11-20T10:00:00Z, commit bbbbbbbbbbbb), found in the out folder.',
    );
    expect(markdown).toContain('2 added, 2 removed, 1 upgraded, 1 downgraded.');
    expect(markdown).toContain('| upgraded | apt | `bash` | `5.2.15-2` | `5.2.15-2+b2` |');
    expect(markdown).toContain('| added | apt | `git` |  | `1:2.39.5-0+deb12u1` |');
    expect(changesSection(found, diffPackages(current, current), [])).toMatch(/No package changed\.$/);
    expect(changesSection(undefined, undefined, ['out folder', 'wiki'])).toBe(
      '## Changes since the previous build\n\nNo previous build of this image and platform was found (looked in: out folder, wiki).',
    );
  });
});

describe('packages from a previous manifest', () => {
  it('reads the apt, pip and R blocks of a docker-stacks style manifest, ignoring others', () => {
    const block = (command: string, output: string) =>
      `\`${command}\`:\n\n\`\`\`text\n${output.trimEnd()}\n\`\`\``;
    const manifest = [
      '# Build manifest for image: r-notebook:0123456789ab',
      '## Python Packages',
      'Python 3.11.2',
      block('python3 -m pip list', fixture('python-distributions.txt')),
      '## Apt Packages',
      block('apt list --installed', fixture('apt-list-installed.txt')),
      '## R Packages',
      block('R --version', fixture('r-version.txt')),
      block("R --silent -e 'installed.packages(.Library)[, c(1,3)]'", fixture('r-installed-packages.txt')),
    ].join('\n\n');
    const { packages, sources } = packagesFromManifest(manifest);
    expect(sources).toEqual(['pip', 'apt', 'R']);
    const count = (source: string) => packages.filter((pkg) => pkg.source === source).length;
    expect(count('pip')).toBe(parsePipList(fixture('python-distributions.txt')).length);
    expect(count('apt')).toBe(parseAptList(fixture('apt-list-installed.txt')).length);
    expect(count('R')).toBe(parseRPackages(fixture('r-installed-packages.txt')).length);
  });
});

describe('a previous manifest that lists some sources only', () => {
  // docker-stacks' conda_environment section prints `mamba list` where python-packages prints `pip list`.
  const block = (command: string, output: string) =>
    `\`${command}\`:\n\n\`\`\`text\n${output.trimEnd()}\n\`\`\``;
  const manifest = [
    '## Python Packages',
    block('mamba list', fixture('mamba-list.txt')),
    '## Apt Packages',
    block('apt list --installed', fixture('apt-list-installed.txt')),
  ].join('\n\n');
  const current: Package[] = [
    { name: 'bash', version: '5.2.15-2+b2', source: 'apt', architecture: 'amd64' },
    { name: 'numpy', version: '1.26.4', source: 'pip' },
  ];

  it('says which sources it covers', () => {
    expect(packagesFromManifest(manifest).sources).toEqual(['apt']);
  });

  it('is compared on those only, and the section says what was not compared', () => {
    const previous = packagesFromManifest(manifest);
    const { packages, notCompared } = comparablePackages(current, previous.sources);
    expect(packages.map((pkg) => pkg.name)).toEqual(['bash']);
    expect(notCompared).toEqual(['pip']);
    const changes = diffPackages(previous.packages, packages);
    expect(changes.added.filter((pkg) => pkg.source === 'pip')).toEqual([]);
    const found = { foundIn: 'wiki' as const, reference: 'wiki:x.md', sources: previous.sources };
    expect(changesSection(found, changes, ['wiki'], notCompared)).toContain(
      "found in the wiki. Not compared: pip (the previous build's listing has none).",
    );
  });

  it('is compared on every source when it covers them all', () => {
    expect(comparablePackages(current, undefined)).toEqual({ packages: current, notCompared: [] });
  });
});
