import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { FIXTURES } from '../support/fixture-repo.js';

// GitHub's own local runner for JavaScript actions (@github/local-action) loads the committed bundle's module,
// checks that it exports run() and calls it: the bundle must not run itself when imported.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const HIERARCHY = path.join(FIXTURES, 'register-stack', 'stacks.yaml');

async function localAction(inputs: Record<string, string>) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-local-action-'));
  const summary = path.join(dir, 'summary.md');
  await writeFile(summary, '');
  const env = {
    ...Object.fromEntries(
      Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
    ),
    // Outputs as workflow commands on stdout (no GITHUB_OUTPUT file), the summary in a file of ours.
    GITHUB_OUTPUT: '',
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_EVENT_NAME: 'push',
  };
  const dotenv = path.join(dir, '.env');
  await writeFile(
    dotenv,
    Object.entries(env)
      .map(([name, value]) => `${name}=${JSON.stringify(value)}\n`)
      .join(''),
  );
  // Run from the repository: local-action starts its TypeScript through the project's own tsx.
  const result = await execa(
    path.join(ROOT, 'node_modules', '.bin', 'local-action'),
    ['run', '.', 'dist/run.mjs', dotenv],
    {
      cwd: ROOT,
      reject: false,
      all: true,
      env: { GITHUB_OUTPUT: '', GITHUB_STEP_SUMMARY: summary },
    },
  );
  return { exitCode: result.exitCode, stdout: String(result.all), summary: await readFile(summary, 'utf8') };
}

describe('the bundle under @github/local-action', () => {
  it('exports run(), which plans and shows its outputs', async () => {
    const run = await localAction({ command: 'plan', hierarchy: HIERARCHY });
    expect(run.stdout).not.toContain('does not export a run() function');
    expect(run.exitCode).toBe(0);
    const matrix = /::set-output name=matrix::(.+)/.exec(run.stdout)?.[1];
    expect(JSON.parse(matrix!)).toEqual({
      '0': { include: [{ image: 'root', platform: 'x86_64', level: 0, parent: null }] },
      '1': { include: [{ image: 'child', platform: 'x86_64', level: 1, parent: 'root' }] },
    });
    expect(run.stdout).toContain('::set-output name=levels::[["root"],["child"]]');
    expect(run.summary).toContain('| 1 | child (x86_64) |');
  }, 120_000);

  it('fails with one annotation naming the input, and the summary says what failed', async () => {
    const run = await localAction({ command: 'plan', hierarchy: HIERARCHY, platform: 'sparc' });
    expect(run.exitCode).toBe(1);
    const annotations = run.stdout.split('\n').filter((line) => line.startsWith('::error'));
    expect(annotations).toEqual([
      '::error title=stackhook::input "platform": unknown platform "sparc" (x86_64, aarch64, arm64)',
    ]);
    expect(run.summary).toContain('### Failed');
    expect(run.summary).toContain('| input "platform" | unknown platform "sparc" (x86_64, aarch64, arm64) |');
  }, 120_000);
});
