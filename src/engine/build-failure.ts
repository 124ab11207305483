import { stageError, type StackhookError } from '../errors/stackhook-error.js';
import type { BuildRequest } from './engine.js';
import { tail, type CommandResult } from './run-command.js';

/** A failed `podman build` as users need to see it: the Dockerfile step that failed and the end of the output. */
export function buildFailure(request: BuildRequest, result: CommandResult): StackhookError {
  const output = `${result.stdout}\n${result.stderr}`;
  const steps = output.split('\n').filter((line) => /^STEP \d+(\/\d+)?: /.test(line));
  const failedStep = steps.at(-1) ?? 'before the first step';
  return stageError(
    `build failed (podman exit ${result.exitCode}) at ${failedStep}`,
    `image ${request.subject} (${request.dockerfile})`,
    tail(result.stderr || result.stdout, 20),
  );
}
