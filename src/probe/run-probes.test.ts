import { LIST_DISTRIBUTIONS } from '../../taggers/python-distributions.js';
import { displayCommand } from './display-command.js';
import { BUILTIN_MANIFESTS } from '../../manifests/index.js';
import { PACKAGE_LISTERS } from '../../manifests/package-listers.js';
import { BUILTIN_TAGGERS } from '../../taggers/index.js';
import type { ExecResult } from '../engine/exec-result.js';
import type { ProbeSession } from '../engine/probe-session.js';
import { StackhookError } from '../errors/stackhook-error.js';
import type { ManifestPiece } from './manifest-piece.js';
import type { ManifestContext } from './probe-context.js';
import { runProbes, type ProbeRequest } from './run-probes.js';
import type { Tagger } from './tagger.js';

type Reply = Partial<Omit<ExecResult, 'argv'>>;

/** Answers from a table keyed by the command's words joined with spaces (else echoes them); records each batch. */
class FakeSession implements ProbeSession {
  readonly containerId = 'fake';
  readonly image = 'localhost:5000/stackhook/base-notebook';
  readonly batches: (readonly string[])[][] = [];
  constructor(private readonly replies: Record<string, Reply> = {}) {}
  async exec(argv: readonly string[]): Promise<ExecResult> {
    return { argv, exitCode: 0, stdout: argv.join(' '), stderr: '', ...this.replies[argv.join(' ')] };
  }
  async execAll(commands: readonly (readonly string[])[]): Promise<ExecResult[]> {
    this.batches.push([...commands]);
    return Promise.all(commands.map((argv) => this.exec(argv)));
  }
  async [Symbol.asyncDispose](): Promise<void> {}
}

const context: ManifestContext = {
  git: {
    sha: 'a'.repeat(40),
    shortSha: 'aaaaaaaaaaaa',
    message: 'm',
    root: '/repo',
    githubRepository: undefined,
  },
  now: new Date('2024-02-29T12:00:00Z'),
  image: 'base-notebook',
  fullImage: 'localhost:5000/stackhook/base-notebook',
  imageSizeBytes: 1,
  buildTimestamp: '2024-02-29T12:00:00Z',
  repository: undefined,
};

const taggers = (...names: string[]): Tagger[] => names.map((name) => BUILTIN_TAGGERS.get(name)!);
const pieces = (...names: string[]): ManifestPiece[] => names.map((name) => BUILTIN_MANIFESTS.get(name)!);
const echo = (name: string, commands: string[][], extra: Partial<Tagger> = {}): Tagger => ({
  name,
  commands,
  value: (results) => results.map((result) => result.stdout).join('+'),
  ...extra,
});
const throwing = (error: Error): Tagger => ({
  name: 'broken',
  commands: [],
  value: () => {
    throw error;
  },
});

// prettier-ignore
const probe = (request: Partial<ProbeRequest>) =>
  runProbes({ image: 'base-notebook', session: new FakeSession(), taggers: [], pieces: [], context, ...request });

async function probeError(request: Partial<ProbeRequest>): Promise<StackhookError> {
  const error: unknown = await probe(request).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(StackhookError);
  return error as StackhookError;
}

const VERSION = 'python3 --version';
const PIP_ARGV = ['python3', '-c', LIST_DISTRIBUTIONS];
const PIP = PIP_ARGV.join(' ');
const PIP_SHOWN = displayCommand(PIP_ARGV);

describe('runProbes', () => {
  it('sends each distinct command once, in one batch, and maps results back to every probe', async () => {
    const session = new FakeSession({
      [VERSION]: { stdout: 'Python 3.11.2\n' },
      'cat /etc/os-release': { stdout: 'ID=debian\nVERSION_ID="12"\n' },
      [PIP]: { stdout: 'pip 23\n' },
    });
    const result = await probe({
      session,
      taggers: taggers('sha', 'date', 'os', 'python-major-minor', 'python'),
      pieces: pieces('python-packages'),
    });
    expect(session.batches).toEqual([[['cat', '/etc/os-release'], ['python3', '--version'], PIP_ARGV]]);
    expect(result.commandsRun).toBe(3);
    const tags = result.tags.map(({ tagger, value }) => `${tagger}=${value}`);
    expect(tags).toEqual([
      'sha=aaaaaaaaaaaa',
      'date=2024-02-29',
      'os=debian-12',
      'python-major-minor=python-3.11',
      'python=python-3.11.2',
    ]);
    expect(result.sections).toEqual([
      { name: 'python-packages', markdown: expect.stringContaining('Python 3.11.2\n\n`python3 -m pip') },
    ]);
  });

  it('gives each probe its own commands’ results, in its own order', async () => {
    const result = await probe({
      taggers: [echo('first', [['b'], ['a']]), echo('second', [['a'], ['c', 'd']]), echo('none', [])],
    });
    expect(result.tags.map((tag) => tag.raw)).toEqual(['b+a', 'a+c d', '']);
    // Every probe also reads /etc/os-release (for the SBOM), once.
    expect(result.commandsRun).toBe(4);
  });

  it('skips a "when present" tagger whose tool is missing and says so', async () => {
    // jupyterlab is not among the distributions; spark-submit is not installed at all.
    const session = new FakeSession({
      [PIP_ARGV.join(' ')]: { stdout: 'Package Version\n------- -------\nnotebook 6.4.12\n' },
      'spark-submit --version': { exitCode: 127, stdout: '', stderr: 'sh: 1: spark-submit: not found\n' },
    });
    const result = await probe({ session, taggers: taggers('lab', 'notebook', 'spark', 'date') });
    expect(result.tags.map((tag) => tag.value)).toEqual(['notebook-6.4.12', '2024-02-29']);
    expect(result.skipped).toEqual([
      { kind: 'tagger', name: 'lab' },
      { kind: 'tagger', name: 'spark' },
    ]);
  });

  it('lists packages with the listers, reusing the manifest commands, and reads the OS', async () => {
    const session = new FakeSession({
      'apt list --installed': { stdout: 'Listing...\nbash/now 5.2.15-2+b2 amd64 [installed]\n' },
      'cat /etc/os-release': { stdout: 'ID=debian\nVERSION_ID="12"\n' },
      'R --silent -e installed.packages()[, c(1,3)]': { exitCode: 127, stdout: '' },
    });
    const result = await probe({ session, pieces: pieces('apt-packages'), listers: PACKAGE_LISTERS });
    expect(result.packages).toEqual([
      { name: 'bash', version: '5.2.15-2+b2', source: 'apt', architecture: 'amd64' },
    ]);
    expect(result.os).toEqual({ id: 'debian', versionId: '12' });
    // apt list (shared with the piece), the python listing, R's listing, os-release: no command twice.
    expect(session.batches).toHaveLength(1);
    expect(result.commandsRun).toBe(4);
  });

  it.each([
    ['1.2.3+cpu', '1.2.3_cpu'],
    ['.hidden', '_.hidden'],
    ['r 4.2.2', 'r_4.2.2'],
    ['python-3.11.2', 'python-3.11.2'],
  ])('keeps the raw value %j and tags with the sanitised %j', async (raw, value) => {
    const result = await probe({ taggers: [{ name: 'custom', commands: [], value: () => raw }] });
    expect(result.tags).toEqual([{ tagger: 'custom', raw, value }]);
  });

  const lines = (from: number, to: number): string =>
    Array.from({ length: to - from }, (_, i) => `line ${from + i}`).join('\n');
  // [what, reply of the failing command, probes, description, subject, details (stderr)]
  // prettier-ignore
  it.each<[string, Reply, Partial<ProbeRequest>, string, string, string]>([
    ['a missing tool', { exitCode: 127, stderr: 'sh: 1: R: not found\n' }, { taggers: taggers('date', 'r') },
      'tagger r failed: `R --version` exited with code 127', 'tagger r', 'sh: 1: R: not found'],
    ['a failing manifest command', { exitCode: 100, stderr: 'E: broken\n' }, { pieces: pieces('apt-packages') },
      'manifest apt-packages failed: `apt list --installed` exited with code 100', 'manifest apt-packages', 'E: broken'],
    ['no stderr', { exitCode: 1 }, { taggers: taggers('r') },
      'tagger r failed: `R --version` exited with code 1', 'tagger r', '(no stderr)'],
    ['a long stderr (last 10 lines kept)', { exitCode: 2, stderr: lines(0, 15) }, { taggers: taggers('r') },
      'tagger r failed: `R --version` exited with code 2', 'tagger r', lines(5, 15)],
  ])('fails on %s, naming the probe, the command, the exit code and stderr', async (_label, reply, request, description, subject, details) => {
    const session = new FakeSession({ 'R --version': reply, 'apt list --installed': reply });
    const error = await probeError({ session, ...request });
    expect(error.kind).toBe('stage');
    expect(error.description).toBe(description);
    expect(error.subject).toBe(`image base-notebook, ${subject}`);
    expect(error.message).toBe(`image base-notebook, ${subject}: ${description}`);
    expect(error.details).toBe(details);
  });

  it('lets a probe with allowFailure read a failed command', async () => {
    const session = new FakeSession({ 'jupyterhub --version': { exitCode: 127, stdout: 'partial' } });
    const result = await probe({
      session,
      taggers: [echo('lenient', [['jupyterhub', '--version']], { allowFailure: true })],
    });
    expect(result.tags[0]?.raw).toBe('partial');
  });

  // prettier-ignore
  it.each<[string, Partial<ProbeRequest>, string, string]>([
    ['an unexpected python version line', { taggers: taggers('python') }, 'tagger python',
      'tagger python could not read the output of `python3 --version`: no line matching /^Python \\d/ in "Python3 ???"'],
    ['empty pip output', { pieces: pieces('python-packages') }, 'manifest python-packages',
      `manifest python-packages could not read the output of \`${VERSION}\`, \`${PIP_SHOWN}\`: command \`python3 -m pip list\` returned empty output`],
    ['a probe without commands', { taggers: [throwing(new Error('boom'))] }, 'tagger broken',
      'tagger broken could not read the output of no command: boom'],
  ])('wraps a parser error on %s, naming the probe and its commands', async (_label, request, subject, description) => {
    const session = new FakeSession({ [VERSION]: { stdout: 'Python3 ???\n' }, [PIP]: { stdout: '\n' } });
    const error = await probeError({ session, ...request });
    expect(error.kind).toBe('stage');
    expect(error.description).toBe(description);
    expect(error.subject).toBe(`image base-notebook, ${subject}`);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('passes a StackhookError thrown by a probe through unchanged', async () => {
    const own = new StackhookError({ kind: 'input', description: 'mine' });
    expect(await probeError({ taggers: [throwing(own)] })).toBe(own);
  });
});
