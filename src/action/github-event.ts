import { readFileSync } from 'node:fs';

/** What triggered the workflow, as far as the summary and the push decision care. */
export interface GitHubEvent {
  name: string;
  ref: string;
  /** The pull request's number on pull_request events. */
  pullRequest: number | undefined;
  /** The tag on a tag push (`refs/tags/v1.2.3` → `v1.2.3`). */
  tag: string | undefined;
}

/** Reads GITHUB_EVENT_NAME, GITHUB_REF and the payload at GITHUB_EVENT_PATH (a missing payload is no error). */
export function readGitHubEvent(env: NodeJS.ProcessEnv = process.env): GitHubEvent {
  let payload: { pull_request?: { number?: number }; number?: number } = {};
  try {
    if (env.GITHUB_EVENT_PATH)
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as typeof payload;
  } catch {
    payload = {};
  }
  const ref = env.GITHUB_REF ?? '';
  return {
    name: env.GITHUB_EVENT_NAME ?? 'local',
    ref,
    pullRequest: payload.pull_request?.number ?? undefined,
    tag: ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined,
  };
}
