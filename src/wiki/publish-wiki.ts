import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { inputError, stageError } from '../errors/stackhook-error.js';
import type { Log } from '../log/log.js';
import { gitAuthEnv, tokenSecrets } from './git-auth-env.js';
import { HOME_TEMPLATE } from './home-template.js';
import { readPublishInputs } from './publish-inputs.js';
import { DEFAULT_KEEP } from './retention.js';
import { sourceCommitCounter } from './source-commits.js';
import { WikiCheckout, type StagedChanges } from './wiki-checkout.js';
import { resolveWikiRemote, urlSecrets } from './wiki-remote.js';
import { applyWikiUpdate, type WikiUpdate } from './wiki-update.js';

export interface PublishRequest {
  /** Local repository path or git URL. */
  wiki: string;
  /** `stackhook hook`'s out folder: manifests/ and history/. */
  outDir: string;
  /** GitHub owner/name the images are built from, for Home.md's links. */
  repository?: string;
  /** The repository the images are built from, whose commits Home.md counts. */
  sourceDir?: string;
  branch?: string;
  keep?: number;
  allowNoFiles?: boolean;
  countImage?: string;
  /** A Home.md template file instead of the built-in one. */
  homeTemplateFile?: string;
  token?: string;
  author?: { name: string; email: string };
  /** Pushes tried before giving up when other publishers keep winning the race. */
  maxAttempts?: number;
  log: Log;
  signal?: AbortSignal;
  tempRoot?: string;
  /** Runs after each checkout (attempt 1) or reset to the remote (retries), before the wiki is changed. */
  afterCheckout?: (attempt: number) => Promise<void>;
}

/** What `stackhook publish` did; `commit` is null when the wiki already had everything. */
export interface Published {
  schema: 'stackhook.published/v1';
  wiki: string;
  branch: string;
  commit: string | null;
  attempts: number;
  manifests: number;
  historyLines: number;
  pagesAdded: string[];
  pagesUpdated: string[];
  manifestsRemoved: string[];
}

function commitMessage(update: WikiUpdate, changes: StagedChanges): string {
  const manifests = changes.added.filter((file) => file.startsWith('manifests/')).length;
  const removed =
    update.manifestsRemoved.length > 0 ? `, ${update.manifestsRemoved.length} old manifests removed` : '';
  return `stackhook: ${manifests} manifests, ${update.linesAdded} history lines${removed}`;
}

function authorEnv(author: PublishRequest['author'], env: NodeJS.ProcessEnv): Record<string, string> {
  const name = author?.name ?? env.GIT_AUTHOR_NAME ?? 'stackhook';
  const email = author?.email ?? env.GIT_AUTHOR_EMAIL ?? 'stackhook@users.noreply.github.com';
  return {
    GIT_AUTHOR_NAME: name,
    GIT_AUTHOR_EMAIL: email,
    GIT_COMMITTER_NAME: env.GIT_COMMITTER_NAME ?? name,
    GIT_COMMITTER_EMAIL: env.GIT_COMMITTER_EMAIL ?? email,
  };
}

/**
 * The publish stage (docker-stacks' update_wiki + its git steps): clone the wiki, apply the out folder, make one
 * commit and push it. When another publisher pushed first, start again from its commit with the same inputs
 * (Home.md is regenerated anyway). Nothing reaches the remote unless every step before the push succeeded.
 */
export async function publishWiki(request: PublishRequest): Promise<Published> {
  const { log } = request;
  const keep = request.keep ?? DEFAULT_KEEP;
  if (!Number.isInteger(keep) || keep < 0)
    throw inputError(`--keep must be a whole number, got ${keep}`, '--keep');
  // The branch goes into git refspecs: a plain name only (no leading dash, no `..`, no spaces).
  if (request.branch !== undefined && !/^(?!-)(?!.*\.\.)[\w./-]+$/.test(request.branch)) {
    throw inputError(`not a usable branch name: "${request.branch}"`, '--branch');
  }
  const maxAttempts = request.maxAttempts ?? 5;
  const remote = resolveWikiRemote(request.wiki);
  const token = request.token ?? remote.token;
  const secrets = [...tokenSecrets(token), ...urlSecrets(request.wiki)];
  for (const secret of secrets) log.addSecret(secret);
  const homeTemplate = request.homeTemplateFile
    ? await readFile(request.homeTemplateFile, 'utf8').catch((error: Error) => {
        throw inputError(`cannot read the Home.md template: ${error.message}`, request.homeTemplateFile);
      })
    : HOME_TEMPLATE;
  // Checked before the wiki is cloned: bad input fails fast and the remote is never involved.
  const inputs = await readPublishInputs(request.outDir, request.allowNoFiles ?? false);
  const commits = sourceCommitCounter(request.sourceDir, log);
  const env = { ...gitAuthEnv(token, process.env, remote.url), ...authorEnv(request.author, process.env) };

  await using checkout = await WikiCheckout.open({ ...request, remote, env, secrets });
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) await checkout.resetToRemote();
    await request.afterCheckout?.(attempt);
    request.signal?.throwIfAborted();
    const update = await applyWikiUpdate(checkout.dir, inputs, {
      repository: request.repository,
      keep,
      countImage: request.countImage,
      homeTemplate,
      homeTemplateName: request.homeTemplateFile,
      commits,
      log,
    });
    const changes = await checkout.stageAll();
    const published = (commit: string | null): Published => ({
      schema: 'stackhook.published/v1',
      wiki: remote.display,
      branch: checkout.branch,
      commit,
      attempts: attempt,
      manifests: inputs.manifests.length,
      historyLines: inputs.historyLines.length,
      pagesAdded: changes.added,
      pagesUpdated: changes.modified,
      manifestsRemoved: changes.deleted,
    });
    if (changes.added.length + changes.modified.length + changes.deleted.length === 0) {
      log.info(`wiki ${remote.display} already has everything: nothing to commit`);
      return published(null);
    }
    request.signal?.throwIfAborted();
    const sha = await checkout.commit(commitMessage(update, changes));
    if ((await checkout.push()) === 'pushed') {
      log.info(`pushed ${sha.slice(0, 12)} to ${remote.display} (${checkout.branch})`);
      return published(sha);
    }
    if (attempt >= maxAttempts) {
      throw stageError(
        `other publishers kept pushing first: gave up after ${attempt} attempts`,
        `${remote.display} (${checkout.branch})`,
      );
    }
    log.warn(
      `another publisher pushed to ${checkout.branch} first: re-applying on top of it (attempt ${attempt + 1})`,
    );
    await sleep(100 + Math.random() * 400 * attempt, undefined, { signal: request.signal });
  }
}
