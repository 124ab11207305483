import { cp, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** Copies test/fixtures/<scenario> into a fresh git repository with one commit, as a user's checkout would be. */
export async function fixtureRepo(scenario: string): Promise<string> {
  return gitRepoFrom(path.join(FIXTURES, scenario), scenario);
}

/** Copies `source` into a fresh temporary git repository with one commit (also used by the benchmarks). */
export async function gitRepoFrom(source: string, name: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `stackhook-${name}-`));
  await cp(source, dir, { recursive: true });
  const git = (...args: string[]) => execa('git', args, { cwd: dir });
  await git('init', '--quiet');
  await git('add', '--all');
  await git(
    '-c',
    'user.name=stackhook tests',
    '-c',
    'user.email=tests@stackhook.invalid',
    'commit',
    '--quiet',
    '-m',
    'fixture: first build',
  );
  return dir;
}
