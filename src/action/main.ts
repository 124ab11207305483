// The GitHub Action's entry (bundled to dist/action.mjs): inputs → the same commands as the CLI → outputs, a
// job summary, log groups, annotations.
import * as core from '@actions/core';
import { StackhookError } from '../errors/stackhook-error.js';
import { readActionInputs } from './action-inputs.js';
import { actionOutputs } from './action-outputs.js';
import { emptyResult } from './action-result.js';
import { annotationsOf } from './annotation-of.js';
import { readGitHubEvent } from './github-event.js';
import { GitHubLog } from './github-log.js';
import { jobSummary } from './job-summary.js';
import { runAction } from './run-action.js';

const log = new GitHubLog(core.isDebug());
const abort = new AbortController();
// A cancelled job gets SIGINT, then SIGTERM: stop the running step so its containers are removed.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => abort.abort());
const result = emptyResult();
let failure: unknown;
try {
  const event = readGitHubEvent();
  const inputs = readActionInputs((name) => core.getInput(name), event.name);
  try {
    await runAction(inputs, log, abort.signal, result);
  } catch (error) {
    failure = error;
  }
  for (const [name, value] of Object.entries(actionOutputs(result))) core.setOutput(name, value);
  const server = process.env.GITHUB_SERVER_URL ?? 'https://github.com';
  // No summary file outside GitHub's runners (act, a local run): the outputs and logs are enough.
  if (process.env.GITHUB_STEP_SUMMARY)
    await core.summary
      .addRaw(
        jobSummary(result, {
          inputs,
          event,
          repositoryUrl: process.env.GITHUB_REPOSITORY
            ? `${server}/${process.env.GITHUB_REPOSITORY}`
            : undefined,
        }),
      )
      .write();
} catch (error) {
  failure ??= error;
}
if (failure) {
  if (failure instanceof StackhookError) {
    for (const annotation of annotationsOf(failure)) core.error(annotation.message, annotation.properties);
    core.setFailed(`stackhook: ${failure.message}`);
  } else {
    core.setFailed(`stackhook: ${(failure as Error)?.stack ?? String(failure)}`);
  }
}
