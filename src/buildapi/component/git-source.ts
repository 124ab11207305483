import { simpleGit } from 'simple-git';
import { inputError, stageError } from '../../errors/stackhook-error.js';

/** Git URL schemes the build API clones from unless configured otherwise. */
export const DEFAULT_GIT_SCHEMES: readonly string[] = ['https'];

/**
 * A git URL the build API may clone: a URL (not scp-like `host:path`, not `ext::`), of an allowed scheme,
 * without credentials (the service's own git credential helper supplies those), never starting with `-`.
 */
export function checkGitUrl(url: string, schemes: readonly string[]): string {
  // Checked before parsing, and the URL never echoed: a URL with credentials must not reach a log or a reply.
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(url))
    throw inputError(
      'credentials do not go into git URLs: the service uses its own git credential helper',
      'git_url',
    );
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw inputError('git_url is not a URL (scheme://host/path)', 'git_url');
  }
  // Tokens hide in queries too (?private_token=): git needs neither a query nor a fragment.
  if (parsed.search || parsed.hash || url.includes('?') || url.includes('#'))
    throw inputError('git URLs take no query or fragment', 'git_url');
  const scheme = parsed.protocol.replace(/:$/, '');
  if (!schemes.includes(scheme))
    throw inputError(`git URLs must use ${schemes.join(' or ')}, not ${scheme}`, 'git_url');
  return url;
}

/**
 * A shallow clone of `tag` (a tag or branch) from `url` into `dir`, returning the commit. Only the allowed
 * schemes are enabled in git itself (protocol.allow), so redirects and submodules can't reach others; git
 * never prompts; `--` keeps the URL from being read as an option.
 */
export async function cloneGitSource(request: {
  url: string;
  tag: string;
  dir: string;
  schemes: readonly string[];
  signal?: AbortSignal;
}): Promise<{ commit: string }> {
  const config = [
    'protocol.allow=never',
    ...request.schemes.map((scheme) => `protocol.${scheme}.allow=always`),
  ];
  // The protocol.allow settings are ours, never input: simple-git only takes them once told so.
  const git = simpleGit({
    abort: request.signal,
    config,
    unsafe: { allowUnsafeProtocolOverride: true },
  }).env({
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    GIT_TERMINAL_PROMPT: '0',
  });
  try {
    await git.clone(request.url, request.dir, [
      '--depth',
      '1',
      '--branch',
      request.tag,
      '--single-branch',
      '--no-recurse-submodules',
      '--',
    ]);
    const commit = await simpleGit({ baseDir: request.dir, abort: request.signal }).revparse(['HEAD']);
    return { commit: commit.trim() };
  } catch (error) {
    throw stageError(
      `cannot clone ${request.tag} from ${request.url}`,
      'git_url',
      error instanceof Error ? error.message.trim() : String(error),
    );
  }
}
