import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SimpleGit } from 'simple-git';
import type { Log } from '../log/log.js';
import { gitFailure, gitMessage, wikiGit } from './wiki-git.js';
import type { WikiRemote } from './wiki-remote.js';

export interface WikiCheckoutOptions {
  remote: WikiRemote;
  /** Default: the remote's HEAD branch, or `main` for an empty repository. */
  branch?: string;
  /** From gitAuthEnv, plus the commit author. */
  env: Record<string, string>;
  /** Masked in every error. */
  secrets: readonly string[];
  log: Log;
  signal?: AbortSignal;
  /** Where the temporary clone goes (default: the OS temp folder). */
  tempRoot?: string;
}

/** Wiki paths a staged commit adds, modifies and deletes (relative, `/` separators). */
export interface StagedChanges {
  added: string[];
  modified: string[];
  deleted: string[];
}

/** The push lost a race: the remote branch moved since the clone. */
const REJECTED = /\[rejected\]|non-fast-forward|fetch first|failed to update ref|cannot lock ref|stale info/;

/** Remote HEAD's branch and the remote's branches, from `git ls-remote --symref`. */
function parseLsRemote(output: string): { head: string | undefined; branches: Set<string> } {
  const head = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(output)?.[1];
  const branches = new Set(
    [...output.matchAll(/^[0-9a-f]+\trefs\/heads\/(\S+)$/gm)].map((match) => match[1]!),
  );
  return { head, branches };
}

/**
 * A temporary clone of the wiki's branch (shallow: only the tip matters), removed on dispose whatever happened.
 * An empty repository, or a branch it does not have yet, gives an empty checkout whose first commit creates it.
 */
export class WikiCheckout implements AsyncDisposable {
  private constructor(
    readonly dir: string,
    readonly branch: string,
    private readonly git: SimpleGit,
    private readonly options: WikiCheckoutOptions,
  ) {}

  static async open(options: WikiCheckoutOptions): Promise<WikiCheckout> {
    const { remote, log } = options;
    const dir = await mkdtemp(path.join(options.tempRoot ?? os.tmpdir(), 'stackhook-wiki-'));
    try {
      const git = wikiGit(dir, options.env, options.signal);
      const listed = parseLsRemote(
        await git.raw(['ls-remote', '--symref', '--', remote.url]).catch((error: unknown) => {
          throw gitFailure('cannot read the wiki repository', remote.display, error, options.secrets);
        }),
      );
      const step = (what: string, args: string[]): Promise<string> =>
        git.raw(args).catch((error: unknown) => {
          throw gitFailure(what, remote.display, error, options.secrets);
        });
      let branch =
        options.branch ?? listed.head ?? ['main', 'master'].find((name) => listed.branches.has(name));
      if (branch && listed.branches.has(branch)) {
        log.debug(`cloning ${remote.display} (${branch})`);
        const clone = ['clone', '--quiet', '--depth', '1', '--branch', branch, '--single-branch'];
        await step(`cannot clone the wiki's ${branch} branch`, [...clone, '--', remote.url, '.']);
      } else {
        if (listed.branches.size === 0) {
          // Cloning an empty repository is how git learns its unborn HEAD (which `ls-remote` does not show).
          await step('cannot clone the empty wiki repository', ['clone', '--quiet', '--', remote.url, '.']);
          const head = await git.raw(['symbolic-ref', '--quiet', '--short', 'HEAD']).catch(() => '');
          branch ??= head.trim() || 'main';
        } else {
          await step('cannot prepare a wiki checkout', ['init', '--quiet']);
          await step('cannot prepare a wiki checkout', ['remote', 'add', 'origin', remote.url]);
          branch ??= 'main';
        }
        await step('cannot prepare a wiki checkout', ['symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
        log.info(`wiki ${remote.display} has no ${branch} branch yet: the first commit creates it`);
      }
      return new WikiCheckout(dir, branch, git, options);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Stages everything in the working tree and says what a commit would change. */
  async stageAll(): Promise<StagedChanges> {
    await this.run('stage the wiki changes', ['add', '--all']);
    const output = await this.run('list the wiki changes', [
      'diff',
      '--cached',
      '--name-status',
      '--no-renames',
      '-z',
    ]);
    const fields = output.split('\0').filter(Boolean);
    const changes: StagedChanges = { added: [], modified: [], deleted: [] };
    for (let index = 0; index + 1 < fields.length; index += 2) {
      const [status, file] = [fields[index]!, fields[index + 1]!];
      (status === 'A' ? changes.added : status === 'D' ? changes.deleted : changes.modified).push(file);
    }
    return changes;
  }

  /** Commits what is staged; returns the commit's sha. */
  async commit(message: string): Promise<string> {
    await this.run('commit to the wiki', [
      'commit',
      '--quiet',
      '--no-verify',
      '--no-gpg-sign',
      '-m',
      message,
    ]);
    return (await this.run('read the wiki commit', ['rev-parse', 'HEAD'])).trim();
  }

  /** Pushes the branch; `rejected` when another publisher pushed first (then resetToRemote and try again). */
  async push(): Promise<'pushed' | 'rejected'> {
    try {
      await this.git.raw(['push', '--quiet', '--no-verify', 'origin', `HEAD:refs/heads/${this.branch}`]);
      return 'pushed';
    } catch (error) {
      if (REJECTED.test(gitMessage(error))) return 'rejected';
      throw gitFailure(
        `cannot push to the wiki's ${this.branch} branch`,
        this.options.remote.display,
        error,
        this.options.secrets,
      );
    }
  }

  /** Drops local work and moves to the remote branch's new tip. */
  async resetToRemote(): Promise<void> {
    await this.run('fetch the wiki', [
      'fetch',
      '--quiet',
      '--depth',
      '1',
      'origin',
      `refs/heads/${this.branch}`,
    ]);
    await this.run('reset the wiki checkout', ['reset', '--quiet', '--hard', 'FETCH_HEAD']);
    await this.run('clean the wiki checkout', ['clean', '--quiet', '-ffdx']);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  private async run(what: string, args: string[]): Promise<string> {
    try {
      return await this.git.raw(args);
    } catch (error) {
      throw gitFailure(`cannot ${what}`, this.options.remote.display, error, this.options.secrets);
    }
  }
}
