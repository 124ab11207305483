import { simpleGit, type SimpleGit } from 'simple-git';
import { stageError, type StackhookError } from '../errors/stackhook-error.js';
import { redact } from '../log/redact.js';

/**
 * simple-git for the wiki: the environment carries the token (see git-auth-env.ts), which simple-git only allows
 * once told so; the environment is the user's own, never input. Any non-zero exit is a failure (simple-git
 * otherwise resolves when git printed nothing on stderr).
 */
export function wikiGit(baseDir: string, env: Record<string, string>, signal?: AbortSignal): SimpleGit {
  return simpleGit({
    baseDir,
    abort: signal,
    unsafe: {
      allowUnsafeConfigEnvCount: true,
      allowUnsafeConfigPaths: true,
      allowUnsafeSshCommand: true,
      allowUnsafeAskPass: true,
      allowUnsafeGitProxy: true,
    },
    errors: (error, result) => {
      if (error) return error;
      if (result.exitCode === 0) return undefined;
      return Buffer.concat([...result.stdOut, ...result.stdErr]);
    },
  }).env(env);
}

export function gitMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A git failure as a stage error whose text has every secret masked (the cause is dropped: it is not). */
export function gitFailure(
  description: string,
  subject: string,
  error: unknown,
  secrets: readonly string[],
): StackhookError {
  const details = redact(gitMessage(error).trim(), new Set(secrets));
  return stageError(description, subject, details || undefined);
}
