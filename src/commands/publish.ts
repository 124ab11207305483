import path from 'node:path';
import { readGitInfo } from '../git/git-info.js';
import { publishWiki, type Published } from '../wiki/publish-wiki.js';
import type { CommandContext } from './command-context.js';

export interface PublishOptions {
  /** The wiki git repository: a URL or a path. */
  wiki: string;
  out: string;
  /** GitHub owner/name the images are built from (default: GITHUB_REPOSITORY, else the source's origin). */
  repository?: string;
  /** The git repository whose commits Home.md counts (default: .). */
  source?: string;
  branch?: string;
  keep: number;
  countImage?: string;
  homeTemplate?: string;
  allowNoFiles: boolean;
  /** Token for the wiki remote. */
  token: string | undefined;
}

/** `stackhook publish`: the out folder's manifests and history lines into the wiki, in one commit. */
export async function publish(options: PublishOptions, context: CommandContext): Promise<Published> {
  const { log, signal } = context;
  const sourceDir = path.resolve(options.source ?? '.');
  const git = await readGitInfo(sourceDir).catch(() => undefined);
  if (!git) log.warn(`${sourceDir} is not a git repository with commits: Home.md counts 0 commits`);
  if (options.token) log.addSecret(options.token);
  return log.step('publish to the wiki', () =>
    publishWiki({
      wiki: options.wiki,
      outDir: options.out,
      repository: options.repository ?? (process.env.GITHUB_REPOSITORY || git?.githubRepository),
      sourceDir: git ? sourceDir : undefined,
      branch: options.branch,
      keep: options.keep,
      countImage: options.countImage,
      homeTemplateFile: options.homeTemplate,
      allowNoFiles: options.allowNoFiles,
      token: options.token,
      log,
      signal,
    }),
  );
}
