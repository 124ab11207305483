import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathExists } from '../../src/fs/path-exists.js';
import { fixtureRepo } from '../support/fixture-repo.js';
import { runCli } from '../support/run-cli.js';

// A record another job left in --out is read back validated: a broken one is bad input naming the file and the
// field, before anything is pushed or registered.
let repo: string;
beforeAll(async () => {
  repo = await fixtureRepo('register-stack');
});

const stack = ['--hierarchy', 'stacks.yaml', '--out', 'out', '--platform', 'x86_64'];

async function leave(kind: 'records' | 'pushed', content: string): Promise<string> {
  const file = path.join(repo, 'out', kind, 'x86_64-default-root.json');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
  return file;
}

describe('records read back from the out folder', () => {
  it('push refuses a record that is not a BuildRecord, naming the file and the field (exit 2)', async () => {
    const file = await leave(
      'records',
      JSON.stringify({ schema: 'stackhook.build-record/v1', image: 'root', tags: 'not a list' }),
    );
    const result = await runCli(['push', 'root', ...stack, '--registry', '127.0.0.1:9/nobody'], repo);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`error: ${file}: the record of root is not valid: platform: `);
  });

  it('register refuses a record that is not JSON, naming the file, before opening the catalog (exit 2)', async () => {
    const file = await leave('records', '{"schema": ');
    const catalog = path.join(repo, 'never.sqlite');
    const result = await runCli(['register', 'root', ...stack, '--catalog', catalog], repo);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`error: ${file}: the record of root is not JSON`);
    expect(await pathExists(catalog)).toBe(false);
  });
});
