import { simpleGit } from 'simple-git';
import { inputError } from '../errors/stackhook-error.js';

/** The commit the images are built from (docker-stacks' GitHelper). */
export interface GitInfo {
  sha: string;
  shortSha: string;
  message: string;
  /** The repository's top folder. */
  root: string;
  /** GitHub owner/name when the origin remote is on GitHub. */
  githubRepository: string | undefined;
}

export async function readGitInfo(directory: string): Promise<GitInfo> {
  const git = simpleGit({ baseDir: directory });
  // Four git processes at once rather than one after another: this is on the path of every hook.
  const [head, message, root, origin] = await Promise.allSettled([
    git.revparse(['HEAD']),
    git.raw(['log', '-1', '--pretty=%B']),
    git.revparse(['--show-toplevel']),
    git.remote(['get-url', 'origin']),
  ]);
  if (head.status === 'rejected') {
    throw inputError(
      `not inside a git repository with a commit (${String((head.reason as Error).message).split('\n')[0]})`,
      directory,
      'the sha tagger and the build manifest name the commit the images come from: run `git init && git commit` first',
    );
  }
  if (message.status === 'rejected') throw message.reason;
  if (root.status === 'rejected') throw root.reason;
  const sha = head.value.trim();
  const url = origin.status === 'fulfilled' ? (origin.value ?? '') : '';
  return {
    sha,
    shortSha: sha.slice(0, 12),
    message: message.value.trim(),
    root: root.value.trim(),
    githubRepository: githubSlug(url),
  };
}

/** owner/name from https://github.com/owner/name(.git) or git@github.com:owner/name(.git). */
export function githubSlug(url: string): string | undefined {
  const match = /github\.com[/:]([^/\s]+)\/([^/\s]+?)(?:\.git)?\/?$/.exec(url.trim());
  return match ? `${match[1]}/${match[2]}` : undefined;
}
