import { existsSync, readFileSync } from 'node:fs';
import type { ExecResult } from '../src/engine/exec-result.js';
import type { ProbeContext } from '../src/probe/probe-context.js';
import { BUILTIN_TAGGERS } from './index.js';

const FIXTURES = new URL('../test/fixtures/probe-output/', import.meta.url);

/** What `argv` printed in a real container: `<name>.txt` is stdout, `<name>.stderr` (if any) stderr. */
function captured(name: string, argv: readonly string[], exitCode = 0): ExecResult {
  const read = (file: string): string => {
    const url = new URL(file, FIXTURES);
    return existsSync(url) ? readFileSync(url, 'utf8') : '';
  };
  if (!existsSync(new URL(`${name}.txt`, FIXTURES))) throw new Error(`no fixture ${name}.txt`);
  return { argv, exitCode, stdout: read(`${name}.txt`), stderr: read(`${name}.stderr`) };
}

const context: ProbeContext = {
  git: {
    sha: `0123456789ab${'c'.repeat(28)}`,
    shortSha: '0123456789ab',
    message: 'm',
    root: '/r',
    githubRepository: undefined,
  },
  // Just after midnight in UTC+2 is still the previous day in UTC.
  now: new Date('2024-03-01T00:30:00+02:00'),
};

function tagger(name: string) {
  const found = BUILTIN_TAGGERS.get(name);
  if (!found) throw new Error(`no built-in tagger ${name}`);
  return found;
}

/** Runs tagger `name` over the fixtures, one per command it declares. */
function tag(name: string, fixtures: readonly string[], exitCode = 0): string {
  const { commands, value } = tagger(name);
  return value(
    commands.map((argv, index) => captured(fixtures[index]!, argv, exitCode)),
    context,
  );
}

// prettier-ignore
const good: [string, string[], string[], string][] = [
  ['python', ['python3', '--version'], ['python3-version'], 'python-3.11.2'],
  ['python', ['python3', '--version'], ['python3-version-rc'], 'python-3.12.0rc1'],
  ['python-major-minor', ['python3', '--version'], ['python3-version'], 'python-3.11'],
  ['python-major-minor', ['python3', '--version'], ['python3-version-rc'], 'python-3.12'],
  ['notebook', ['jupyter-notebook', '--version'], ['jupyter-notebook-version'], 'notebook-6.4.12'],
  ['notebook', ['jupyter-notebook', '--version'], ['jupyter-notebook-version-banner'], 'notebook-6.5.4'],
  ['hub', ['jupyterhub', '--version'], ['jupyterhub-version'], 'hub-3.0.0'],
  ['os', ['cat', '/etc/os-release'], ['os-release-debian-12'], 'debian-12'],
  ['os', ['cat', '/etc/os-release'], ['os-release-ubuntu-24.04'], 'ubuntu-24.04'],
  ['os', ['cat', '/etc/os-release'], ['os-release-debian-testing'], 'debian-trixie'],
  ['r', ['R', '--version'], ['r-version'], 'r-4.2.2'],
  ['sha', [], [], '0123456789ab'],
  ['date', [], [], '2024-02-29'],
];

describe('built-in taggers over real command output', () => {
  it.each(good)('%s: `%s` printing %j gives %s', (name, command, fixtures, value) => {
    expect(tagger(name).commands).toEqual(command.length > 0 ? [command] : []);
    expect(tag(name, fixtures)).toBe(value);
  });

  it('covers every built-in tagger', () => {
    expect(new Set(good.map(([name]) => name))).toEqual(new Set(BUILTIN_TAGGERS.keys()));
  });

  it('python and python-major-minor run the same command (it runs once)', () => {
    expect(tagger('python-major-minor').commands).toEqual(tagger('python').commands);
  });

  // prettier-ignore
  it.each<[string, string[], RegExp]>([
    ['python', ['missing-python3'], /no line matching \/\^Python \\d\/ in "stackhook-batch: 12: python3: not found"/],
    ['python-major-minor', ['missing-python3'], /no line matching/],
    ['notebook', ['missing-python3'], /^no version in ""$/],
    // R's --version ends with a URL, not a version.
    ['hub', ['r-version'], /^no version in "R version 4\.2\.2/],
    ['notebook', ['os-release-debian-12'], /^no version in/],
    ['r', ['python3-version'], /no line matching \/\^R version \\d\/ in "Python 3\.11\.2"/],
    ['os', ['python3-version'], /^no ID and VERSION_ID in \/etc\/os-release$/],
    ['os', ['missing-python3'], /^no ID and VERSION_ID in \/etc\/os-release$/],
  ])('%s throws on the output of %j', (name, fixtures, message) => {
    expect(() => tag(name, fixtures, 127)).toThrow(message);
  });

  it.each<[string, string, string]>([
    ['python', 'Python 3.11.2\n', 'python-3.11.2'],
    // Python 2 and old 3.x printed the version on stderr.
    ['python', '', 'python-2.7.18'],
    ['os', 'ID="rocky"\nVERSION_ID="9.3"\n', 'rocky-9.3'],
    ['os', "ID='alpine'\nVERSION_ID='3.19.1'\n", 'alpine-3.19.1'],
    ['hub', '3.0.0\n\n\n', 'hub-3.0.0'],
  ])('%s reads %j', (name, stdout, value) => {
    const argv = tagger(name).commands[0]!;
    expect(
      tagger(name).value([{ argv, exitCode: 0, stdout, stderr: stdout ? '' : 'Python 2.7.18\n' }], context),
    ).toBe(value);
  });

  it('python-major-minor needs a minor version', () => {
    const result = { argv: ['python3', '--version'], exitCode: 0, stdout: 'Python 3\n', stderr: '' };
    expect(() => tagger('python-major-minor').value([result], context)).toThrow(
      'no minor version in "Python 3\\n"',
    );
  });
});
