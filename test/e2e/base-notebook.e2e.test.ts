import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildRecord } from '../../src/records/build-record.js';
import { readFromImage } from '../support/podman-run.js';
import { runCli } from '../support/run-cli.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// The README's first command, on the example stack: `npm run hook base-notebook`.
describe('stackhook hook base-notebook (the example stack)', () => {
  it('builds the foundation and base-notebook and tags them by what is inside', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'stackhook-e2e-'));
    const result = await runCli(['hook', 'base-notebook', '--out', out, '--json'], ROOT);
    if (result.exitCode !== 0) throw new Error(`hook failed (${result.exitCode}):\n${result.stderr}`);
    const record = JSON.parse(result.stdout) as BuildRecord;
    const image = record.built.imageId;
    const version = (module: string) =>
      readFromImage(image, ['python3', '-c', `import ${module}; print(${module}.__version__)`]);
    const [python, notebook, hub] = await Promise.all([
      readFromImage(image, ['python3', '-c', 'import platform; print(platform.python_version())']),
      version('notebook'),
      version('jupyterhub'),
    ]);
    const values = Object.fromEntries(record.probe.tags.map((tag) => [tag.tagger, tag.value]));
    expect(values).toMatchObject({
      python: `python-${python}`,
      notebook: `notebook-${notebook}`,
      hub: `hub-${hub}`,
      os: 'debian-12',
    });
    // Inherited from docker-stacks-foundation, then its own: docker-stacks' order.
    expect(Object.keys(values)).toEqual([
      'sha',
      'date',
      'os',
      'python-major-minor',
      'python',
      'notebook',
      'hub',
    ]);
    // docker-stacks' mamba, conda and lab taggers are listed but have nothing to tag on Debian.
    expect(record.probe.skipped.map((skipped) => skipped.name)).toEqual(['mamba', 'conda', 'lab']);
    // The example stack's tests ran before it was tagged: the foundation's, then its own (the notebook server
    // answered on 8888 inside the container).
    expect(record.tests!.cases.map((test) => [test.from, test.name, test.passed])).toEqual([
      ['docker-stacks-foundation', 'python', true],
      ['docker-stacks-foundation', 'tini', true],
      ['docker-stacks-foundation', 'jovyan', true],
      ['base-notebook', 'jupyter-imports', true],
      ['base-notebook', 'notebook-server', true],
    ]);
    expect(record.built.parentImageId).toBeTruthy();
    const user = await readFromImage(image, ['id', '-un']);
    expect(user).toBe('jovyan');
    const manifest = await readFile(record.files.manifest, 'utf8');
    expect(manifest).toMatch(/^# Build manifest for image: base-notebook:[0-9a-f]{12}\n\n## Build Info\n/);
    expect(manifest).toMatch(new RegExp(`\\nnotebook +${notebook.replace(/\./g, '\\.')}\\n`));
    expect(manifest).toMatch(/\njupyter-notebook\/\S+ \S+ all \[installed/);
    expect(manifest).toMatch(/\n## Tests\n\n5 passed\n/);
  });
});
