// The GitHub Action (bundled to dist/run.mjs, which exports run(); dist/action.mjs calls it): inputs → the
// same commands as the CLI → outputs, a job summary, log groups, one annotation per failure.
import * as core from '@actions/core';
import { StackhookError } from '../errors/stackhook-error.js';
import { readActionInputs } from './action-inputs.js';
import { actionOutputs } from './action-outputs.js';
import { emptyResult, type ActionResult } from './action-result.js';
import { annotationsOf } from './annotation-of.js';
import { readGitHubEvent } from './github-event.js';
import { GitHubLog } from './github-log.js';
import { jobSummary } from './job-summary.js';
import { runAction } from './run-action.js';
import { TestFailedError } from '../pipeline/test-failed-error.js';

/** Runs the Action in this process; the exit code says whether it failed (1), as a runner reads it. */
export async function run(): Promise<void> {
  const log = new GitHubLog(core.isDebug());
  const abort = new AbortController();
  // A cancelled job gets SIGINT, then SIGTERM: stop the running step so its containers are removed.
  const stop = () => abort.abort();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, stop);
  const result = emptyResult();
  let failure: unknown;
  try {
    const event = readGitHubEvent();
    const inputs = readActionInputs((name) => core.getInput(name), event.name);
    try {
      await runAction(inputs, log, abort.signal, result);
    } catch (error) {
      failure = error;
      result.failures.push(failureOf(error));
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
  } finally {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, stop);
  }
  report(failure, result);
}

function failureOf(error: unknown): ActionResult['failures'][number] {
  if (error instanceof StackhookError)
    return {
      subject: error.subject ?? 'stackhook',
      reason: error.description,
      ...(error instanceof TestFailedError ? { junit: error.junit } : {}),
    };
  return { subject: 'stackhook', reason: String((error as Error)?.message ?? error) };
}

/**
 * Each failure annotated once: a thrown error by its annotations (file and line when it has them), a walk's
 * failed images already were when the walk logged them. core.setFailed would annotate again, so only the exit
 * code is set.
 */
function report(failure: unknown, result: ActionResult): void {
  if (failure instanceof StackhookError) {
    for (const annotation of annotationsOf(failure)) core.error(annotation.message, annotation.properties);
  } else if (failure !== undefined) {
    core.error(`stackhook: ${(failure as Error)?.stack ?? String(failure)}`);
  }
  if (failure !== undefined || result.failures.length > 0) process.exitCode = core.ExitCode.Failure;
}
