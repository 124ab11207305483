import { existsSync, readFileSync } from 'node:fs';
import type { ExecResult } from '../src/engine/exec-result.js';
import type { ProbeContext } from '../src/probe/probe-context.js';
import { sanitizeTag } from '../src/hierarchy/oci-names.js';
import { aptPackageTagger, BUILTIN_TAGGERS, pipPackageTagger } from './index.js';
import { LIST_DISTRIBUTIONS } from './python-distributions.js';

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
function tag(name: string, fixtures: readonly string[], exitCode = 0): string | undefined {
  const { commands, value } = tagger(name);
  return value(
    commands.map((argv, index) => captured(fixtures[index]!, argv, exitCode)),
    context,
  );
}

// prettier-ignore
const good: [string, string[], string[], string | undefined, number?][] = [
  ['python', ['python3', '--version'], ['python3-version'], 'python-3.11.2'],
  ['python', ['python3', '--version'], ['python3-version-rc'], 'python-3.12.0rc1'],
  ['python-major-minor', ['python3', '--version'], ['python3-version'], 'python-3.11'],
  ['python-major-minor', ['python3', '--version'], ['python3-version-rc'], 'python-3.12'],
  // The Jupyter taggers read the distribution listing the python-packages manifest runs anyway.
  ['notebook', ['python3', '-c', LIST_DISTRIBUTIONS], ['python-distributions'], 'notebook-6.4.12'],
  ['hub', ['python3', '-c', LIST_DISTRIBUTIONS], ['python-distributions'], 'hub-3.0.0'],
  ['lab', ['python3', '-c', LIST_DISTRIBUTIONS], ['python-distributions'], undefined],
  ['lab', ['python3', '-c', LIST_DISTRIBUTIONS], ['python-distributions-lab'], 'lab-4.3.5'],
  ['hub', ['python3', '-c', LIST_DISTRIBUTIONS], ['python-distributions-lab'], undefined],
  ['lab', ['python3', '-c', LIST_DISTRIBUTIONS], ['missing-python3'], undefined, 127],
  ['os', ['cat', '/etc/os-release'], ['os-release-debian-12'], 'debian-12'],
  ['os', ['cat', '/etc/os-release'], ['os-release-ubuntu-24.04'], 'ubuntu-24.04'],
  ['os', ['cat', '/etc/os-release'], ['os-release-debian-testing'], 'debian-trixie'],
  ['r', ['R', '--version'], ['r-version'], 'r-4.2.2'],
  ['conda', ['conda', '--version'], ['conda-version'], 'conda-25.1.1'],
  ['conda', ['conda', '--version'], ['missing-conda'], undefined, 127],
  ['mamba', ['mamba', '--version'], ['mamba-version'], 'mamba-2.0.5'],
  ['mamba', ['mamba', '--version'], ['mamba-version-1'], 'mamba-1.5.8'],
  ['mamba', ['mamba', '--version'], ['missing-mamba'], undefined, 127],
  // `java -version`: everything on stderr, the version quoted (Java 8 knows no --version).
  ['java', ['java', '-version'], ['java-version-legacy'], 'java-17.0.19'],
  // docker-stacks' `java --version` form is read too.
  ['java', ['java', '-version'], ['java-version'], 'java-17.0.19'],
  // "Picked up JAVA_TOOL_OPTIONS: ..." comes first, on stderr.
  ['java', ['java', '-version'], ['java-version-tool-options'], 'java-17.0.19'],
  ['spark', ['spark-submit', '--version'], ['spark-submit-version'], 'spark-3.5.4'],
  ['spark', ['spark-submit', '--version'], ['missing-spark-submit'], undefined, 127],
  ['julia', ['julia', '--version'], ['julia-version'], 'julia-1.11.3'],
  ['julia', ['julia', '--version'], ['missing-julia'], undefined, 127],
  // Debian 12's python3-torch names itself 1.13.0a0+gitunknown: the local label goes, as in docker-stacks.
  ['pytorch', ['python3', '-c', LIST_DISTRIBUTIONS], ['python-distributions-torch'], 'pytorch-1.13.0a0'],
  ['pytorch', ['python3', '-c', LIST_DISTRIBUTIONS], ['python-distributions'], undefined],
  ['pytorch', ['python3', '-c', LIST_DISTRIBUTIONS], ['missing-python3'], undefined, 127],
  // No tensorflow distribution: docker-stacks falls back to tensorflow-cpu.
  ['tensorflow', ['python3', '-c', LIST_DISTRIBUTIONS], ['python-distributions-tensorflow-cpu'], 'tensorflow-2.18.0'],
  ['tensorflow', ['python3', '-c', LIST_DISTRIBUTIONS], ['python-distributions-torch'], undefined],
  ['tensorflow', ['python3', '-c', LIST_DISTRIBUTIONS], ['missing-python3'], undefined, 127],
  ['sha', [], [], '0123456789ab'],
  ['date', [], [], '2024-02-29'],
];

describe('built-in taggers over real command output', () => {
  it.each(good)('%s: `%s` printing %j gives %s', (name, command, fixtures, value, exitCode = 0) => {
    expect(tagger(name).commands).toEqual(command.length > 0 ? [command] : []);
    expect(tag(name, fixtures, exitCode)).toBe(value);
  });

  it('covers every built-in tagger', () => {
    expect(new Set(good.map(([name]) => name))).toEqual(new Set(BUILTIN_TAGGERS.keys()));
  });

  it('a "when present" tagger reports a broken tool rather than skipping it', () => {
    const argv = tagger('spark').commands[0]!;
    const broken = { argv, exitCode: 1, stdout: '', stderr: 'JAVA_HOME is not set\n' };
    expect(() => tagger('spark').value([broken], context)).toThrow(
      'exited with code 1: JAVA_HOME is not set',
    );
    const listing = { argv: tagger('lab').commands[0]!, exitCode: 1, stdout: '', stderr: 'SyntaxError\n' };
    expect(() => tagger('lab').value([listing], context)).toThrow(
      'listing Python distributions failed (exit 1): SyntaxError',
    );
  });

  it('a tool that is there but cannot run is broken, not absent, though dash exits 127 for both', () => {
    expect(() => tag('julia', ['julia-not-executable'], 127)).toThrow(
      'exited with code 127: stackhook-batch: 25: julia: Permission denied',
    );
    expect(() => tag('julia', ['julia-not-executable'], 126)).toThrow('exited with code 126');
    const listing = {
      argv: tagger('pytorch').commands[0]!,
      exitCode: 127,
      stdout: '',
      stderr: 'sh: 1: python3: Permission denied\n',
    };
    expect(() => tagger('pytorch').value([listing], context)).toThrow(
      'listing Python distributions failed (exit 127)',
    );
  });

  it.each<[string, string, string]>([
    ['tensorflow', 'tensorflow-cpu 2.17.0\ntensorflow 2.18.0', 'tensorflow-2.18.0'],
    ['tensorflow', 'tensorflow_cpu 2.17.0', 'tensorflow-2.17.0'],
    ['pytorch', 'torch 2.6.0+cu126', 'pytorch-2.6.0'],
  ])("%s prefers docker-stacks' package and drops the local label: %j", (name, rows, value) => {
    const argv = tagger(name).commands[0]!;
    const stdout = `Package Version\n------- -------\n${rows}\n`;
    expect(tagger(name).value([{ argv, exitCode: 0, stdout, stderr: '' }], context)).toBe(value);
  });

  it('the Python package taggers read the listing the manifest and package lists run anyway', () => {
    for (const name of ['tensorflow', 'pytorch', 'lab'])
      expect(tagger(name).commands).toEqual([['python3', '-c', LIST_DISTRIBUTIONS]]);
  });

  it('python and python-major-minor run the same command (it runs once)', () => {
    expect(tagger('python-major-minor').commands).toEqual(tagger('python').commands);
  });

  // prettier-ignore
  it.each<[string, string[], RegExp, number?]>([
    ['python', ['missing-python3'], /no line matching \/\^Python \\d\/ in "stackhook-batch: 12: python3: not found"/, 127],
    ['python-major-minor', ['missing-python3'], /no line matching/, 127],
    ['notebook', ['missing-python3'], /^the Python distribution "notebook" is not installed$/, 127],
    ['notebook', ['python-distributions-lab'], /^the Python distribution "notebook" is not installed$/],
    ['java', ['missing-python3'], /no "openjdk <version>" line in "stackhook-batch: 12: python3: not found"/, 127],
    ['r', ['python3-version'], /no line matching \/\^R version \\d\/ in "Python 3\.11\.2"/],
    ['os', ['python3-version'], /^no ID and VERSION_ID in \/etc\/os-release$/],
    ['os', ['missing-python3'], /^no ID and VERSION_ID in \/etc\/os-release$/, 127],
  ])('%s throws on the output of %j', (name, fixtures, message, exitCode = 0) => {
    expect(() => tag(name, fixtures, exitCode)).toThrow(message);
  });

  it.each<[string, string, string]>([
    ['python', 'Python 3.11.2\n', 'python-3.11.2'],
    // Python 2 and old 3.x printed the version on stderr.
    ['python', '', 'python-2.7.18'],
    ['os', 'ID="rocky"\nVERSION_ID="9.3"\n', 'rocky-9.3'],
    ['os', "ID='alpine'\nVERSION_ID='3.19.1'\n", 'alpine-3.19.1'],
    // Distribution names compare as pip normalises them.
    ['notebook', 'Package Version\n------- -------\nNoteBook 7.3.2\n', 'notebook-7.3.2'],
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

describe('package version taggers over real command output', () => {
  const pip = (options: Partial<Parameters<typeof pipPackageTagger>[0]> = {}) =>
    pipPackageTagger({ name: 'pytorch', package: 'torch', prefix: 'pytorch', ...options });
  const apt = (options: Partial<Parameters<typeof aptPackageTagger>[0]> = {}) =>
    aptPackageTagger({ name: 'r-base', package: 'r-base-core', ...options });
  const run = (made: ReturnType<typeof pip>, fixture: string, exitCode = 0) =>
    made.value([captured(fixture, made.commands[0]!, exitCode)], context);

  // prettier-ignore
  it.each<[string, ReturnType<typeof pip>, string, number, string | undefined]>([
    // docker-stacks' pytorch tagger drops the local version label: the variant says cpu or cuda.
    ['pip, local version dropped', pip(), 'pip-version-torch-local', 0, 'pytorch-2.1.0'],
    ['pip, local version kept', pip({ keepLocalVersion: true }), 'pip-version-torch-local', 0, 'pytorch-2.1.0+cpu'],
    ['pip, prefix defaults to the package', pip({ prefix: undefined }), 'pip-version-torch-local', 0, 'torch-2.1.0'],
    ['pip, optional and missing', pip({ optional: true }), 'pip-version-missing', 1, undefined],
    ['apt, upstream version', apt(), 'dpkg-version-r-base-core', 0, 'r-base-core-4.2.2.20221110'],
    ['apt, full version', apt({ version: 'full', prefix: 'r' }), 'dpkg-version-r-base-core', 0, 'r-4.2.2.20221110-2'],
    ['apt, epoch and revision dropped', apt({ package: 'libcap2' }), 'dpkg-version-epoch', 0, 'libcap2-2.66'],
    ['apt, full version with epoch', apt({ package: 'libcap2', version: 'full' }), 'dpkg-version-epoch', 0, 'libcap2-1:2.66-4+deb12u3+b1'],
    ['apt, optional and missing', apt({ optional: true }), 'dpkg-version-missing', 1, undefined],
    // Removed, not purged: only its config files are left.
    ['apt, optional and removed', apt({ package: 'ucf', optional: true }), 'dpkg-version-config-files', 0, undefined],
  ])('%s', (_, made, fixture, exitCode, value) => {
    expect(run(made, fixture, exitCode)).toBe(value);
  });

  // prettier-ignore
  it.each<[string, ReturnType<typeof pip>, string, number, string]>([
    ['pip', pip({ package: 'numpy' }), 'pip-version-missing', 1, 'Python package "numpy" is not installed'],
    ['apt', apt({ package: 'gcc' }), 'dpkg-version-missing', 1, 'Debian package "gcc" is not installed (dpkg-query: no packages found matching gcc)'],
    ['apt (config files only)', apt({ package: 'ucf' }), 'dpkg-version-config-files', 0, 'Debian package "ucf" is not installed (state rc  3.0043+nmu1+deb12u1)'],
  ])('%s: a missing package is an error unless optional', (_, made, fixture, exitCode, message) => {
    expect(() => run(made, fixture, exitCode)).toThrow(message);
  });

  it('sanitises what OCI tags cannot carry and keeps the raw value', () => {
    expect(sanitizeTag('pytorch-2.1.0+cpu')).toBe('pytorch-2.1.0_cpu');
    expect(sanitizeTag('libcap2-1:2.66-4+deb12u3+b1')).toBe('libcap2-1_2.66-4_deb12u3_b1');
  });
});
