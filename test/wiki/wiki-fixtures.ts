import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { GitInfo } from '../../src/git/git-info.js';
import type { Platform } from '../../src/hierarchy/platform.js';
import { historyLine } from '../../src/pipeline/hook-outputs.js';
import { OutFolder } from '../../src/records/out-folder.js';
import { runCli } from '../support/run-cli.js';

export const tempDir = (name: string): Promise<string> =>
  mkdtemp(path.join(os.tmpdir(), `stackhook-${name}-`));

/** A fresh bare repository, as `git init --bare` (or a new GitHub wiki before its first page) leaves it. */
export async function bareRepo(): Promise<string> {
  const bare = path.join(await tempDir('remote'), 'wiki.git');
  await execa('git', ['init', '--quiet', '--bare', bare]);
  return bare;
}

/** The branch a bare repository's HEAD names (born or not). */
export async function headBranch(bare: string): Promise<string> {
  return (await execa('git', ['--git-dir', bare, 'symbolic-ref', '--short', 'HEAD'])).stdout.trim();
}

/** The remote's branches and their commits: what a publish must not change when it fails. */
export async function remoteRefs(bare: string): Promise<string> {
  return (await execa('git', ['--git-dir', bare, 'for-each-ref', '--format=%(refname) %(objectname)']))
    .stdout;
}

export async function remoteFile(bare: string, file: string): Promise<string> {
  return (await execa('git', ['--git-dir', bare, 'show', `${await headBranch(bare)}:${file}`])).stdout;
}

export async function remoteFiles(bare: string, under = ''): Promise<string[]> {
  const args = [
    '--git-dir',
    bare,
    'ls-tree',
    '-r',
    '--name-only',
    await headBranch(bare),
    ...(under ? [under] : []),
  ];
  return (await execa('git', args)).stdout.split('\n').filter(Boolean).sort();
}

export async function remoteLog(bare: string): Promise<string[]> {
  const result = await execa('git', [
    '--git-dir',
    bare,
    'log',
    '--format=%H %P|%an|%s',
    await headBranch(bare),
  ]);
  return result.stdout.split('\n');
}

export interface Build {
  image: string;
  timestamp: string;
  /** 40 hex digits; the manifest and history line are named by its first 12. */
  sha: string;
  platform?: string;
}

/** Writes one build's manifest and history line into `out` exactly where and how `stackhook hook` does. */
export async function writeBuild(out: string, build: Build): Promise<{ manifest: string; history: string }> {
  const platform = build.platform ?? 'x86_64';
  const git: GitInfo = {
    sha: build.sha,
    shortSha: build.sha.slice(0, 12),
    message: 'a commit',
    root: out,
    githubRepository: 'stackhook-test/stacks',
  };
  const paths = new OutFolder(out).buildFiles(
    { image: build.image, platform: platform as Platform, variant: 'default' },
    git.shortSha,
  );
  const reference = `localhost:5000/stackhook-test/${build.image}`;
  await mkdir(path.dirname(paths.manifest), { recursive: true });
  await mkdir(path.dirname(paths.history), { recursive: true });
  await writeFile(
    paths.manifest,
    [
      `# Build manifest for image: ${build.image}:${git.shortSha}`,
      '## Build Info',
      `- Build timestamp: ${build.timestamp}\n- Docker image: \`${reference}:${git.shortSha}\``,
      '## Apt Packages',
      '`apt list --installed`:\n\n```text\nbash/stable 5.2 amd64 [installed]\n```\n',
    ].join('\n\n'),
  );
  const line = historyLine({
    buildTimestamp: build.timestamp,
    taggedReferences: [`${reference}:${platform}-${git.shortSha}`, `${reference}:${platform}-python-3.12`],
    git,
    repository: 'stackhook-test/stacks',
    dockerfilePath: `images/${build.image}/Dockerfile`,
    manifestStem: path.basename(paths.manifest, '.md'),
  });
  await writeFile(paths.history, line);
  return { manifest: paths.manifest, history: line };
}

export const sha = (digit: string): string => digit.repeat(40).slice(0, 40);

/** A source repository whose first-parent history has commits on the given dates. */
export async function sourceRepo(dates: readonly string[]): Promise<string> {
  const dir = await tempDir('source');
  const git = (args: string[], env: Record<string, string> = {}) => execa('git', args, { cwd: dir, env });
  await git(['init', '--quiet']);
  for (const [index, date] of dates.entries()) {
    await writeFile(path.join(dir, 'file.txt'), String(index));
    await git(['add', 'file.txt']);
    await git(
      ['-c', 'user.name=t', '-c', 'user.email=t@t.invalid', 'commit', '--quiet', '-m', `commit ${index}`],
      {
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
    );
  }
  return dir;
}

/** test/support/run-cli.ts with extra environment variables (a token). */
export async function runCliWithEnv(args: readonly string[], cwd: string, env: Record<string, string>) {
  return runCli(args, cwd, { env });
}
