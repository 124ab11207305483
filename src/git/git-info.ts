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
  let sha: string;
  try {
    sha = (await git.revparse(['HEAD'])).trim();
  } catch (cause) {
    throw inputError(
      `not inside a git repository with a commit (${String((cause as Error).message).split('\n')[0]})`,
      directory,
      'the sha tagger and the build manifest name the commit the images come from: run `git init && git commit` first',
    );
  }
  const message = (await git.raw(['log', '-1', '--pretty=%B'])).trim();
  const root = (await git.revparse(['--show-toplevel'])).trim();
  const origin = await git.remote(['get-url', 'origin']).catch(() => undefined);
  return { sha, shortSha: sha.slice(0, 12), message, root, githubRepository: githubSlug(origin ?? '') };
}

/** owner/name from https://github.com/owner/name(.git) or git@github.com:owner/name(.git). */
export function githubSlug(url: string): string | undefined {
  const match = /github\.com[/:]([^/\s]+)\/([^/\s]+?)(?:\.git)?\/?$/.exec(url.trim());
  return match ? `${match[1]}/${match[2]}` : undefined;
}
