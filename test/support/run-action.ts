import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { FIXTURES } from './fixture-repo.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ACTION_ENTRY = path.join(ROOT, 'dist', 'action.mjs');

export type GitHubEventName = 'push' | 'pull_request' | 'tag' | 'schedule';

const REFS: Record<GitHubEventName, string> = {
  push: 'refs/heads/main',
  pull_request: 'refs/pull/42/merge',
  tag: 'refs/tags/v2026.11.0',
  schedule: 'refs/heads/main',
};

export interface ActionRun {
  exitCode: number | undefined;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

/**
 * Runs the committed bundle as a runner does: `node dist/action.mjs` in the workspace, inputs as INPUT_<NAME>,
 * the event as GITHUB_EVENT_NAME/GITHUB_REF/GITHUB_EVENT_PATH (test/fixtures/github-events), and fresh
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files read back afterwards.
 */
export async function runAction(
  workspace: string,
  inputs: Record<string, string>,
  event: GitHubEventName,
  env: Record<string, string> = {},
): Promise<ActionRun> {
  const files = await mkdtemp(path.join(os.tmpdir(), 'stackhook-runner-'));
  const output = path.join(files, 'output');
  const summary = path.join(files, 'summary');
  await writeFile(output, '');
  await writeFile(summary, '');
  const result = await execa(process.execPath, [ACTION_ENTRY], {
    cwd: workspace,
    reject: false,
    all: true,
    env: {
      ...Object.fromEntries(
        Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
      ),
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_REPOSITORY: 'stackhook/stacks',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_EVENT_NAME: event === 'tag' ? 'push' : event,
      GITHUB_EVENT_PATH: path.join(FIXTURES, 'github-events', `${event}.json`),
      GITHUB_REF: REFS[event],
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      STACKHOOK_STATE_DIR: path.join(ROOT, '.stackhook'),
      ...env,
    },
  });
  return {
    exitCode: result.exitCode,
    stdout: String(result.all),
    outputs: parseOutputFile(await readFile(output, 'utf8')),
    summary: await readFile(summary, 'utf8'),
  };
}

/** GITHUB_OUTPUT's `name<<delimiter` blocks (what @actions/core writes). */
function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[index]!);
    if (!match) continue;
    const end = lines.indexOf(match[2]!, index + 1);
    outputs[match[1]!] = lines.slice(index + 1, end).join('\n');
    index = end;
  }
  return outputs;
}
