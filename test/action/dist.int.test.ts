import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { parse } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('the committed Action', () => {
  it('is the bundle of the current sources (dist/ is not stale)', async () => {
    const check = await execa(process.execPath, ['--import', 'tsx', 'scripts/build-action.ts', '--check'], {
      cwd: ROOT,
      reject: false,
    });
    expect(check.stderr).toBe('');
    expect(check.stdout).toBe('dist/ is fresh');
    expect(check.exitCode).toBe(0);
  }, 120_000);

  it('declares in action.yml exactly the inputs the entry reads, and runs the bundle on node24', async () => {
    const action = parse(await readFile(path.join(ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, unknown>;
      outputs: Record<string, unknown>;
      runs: { using: string; main: string };
    };
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/action.mjs' });
    const source = await readFile(path.join(ROOT, 'src', 'action', 'action-inputs.ts'), 'utf8');
    const read = new Set([...source.matchAll(/(?:text|getInput)\('([a-z-]+)'\)/g)].map((match) => match[1]));
    expect([...read].sort()).toEqual(Object.keys(action.inputs).sort());
    const outputs = await readFile(path.join(ROOT, 'src', 'action', 'action-outputs.ts'), 'utf8');
    for (const name of Object.keys(action.outputs)) expect(outputs).toMatch(new RegExp(`\\n\\s+${name}: `));
  });

  it('carries the licenses of what it bundles', async () => {
    const licenses = await readFile(path.join(ROOT, 'dist', 'licenses.txt'), 'utf8');
    for (const name of ['@actions/core@', 'dockerode@', 'kysely@', 'yaml@', 'zod@'])
      expect(licenses).toContain(`\n${name}`);
    // The Action calls the commands with typed options: the CLI's option parser is not in its bundle.
    expect(licenses).not.toContain('\ncommander@');
  });
});
