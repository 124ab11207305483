import { hook } from '../commands/hook.js';
import { merge } from '../commands/merge.js';
import { plan } from '../commands/plan.js';
import { buildName } from '../hierarchy/build-name.js';
import { publish } from '../commands/publish.js';
import { push } from '../commands/push.js';
import { register } from '../commands/register.js';
import { walk } from '../commands/walk.js';
import type { Log } from '../log/log.js';
import type { ActionInputs } from './action-inputs.js';
import { emptyResult, type ActionResult } from './action-result.js';
import { actionCalls, type ActionCall } from './action-calls.js';

/**
 * Runs the commands the inputs ask for, one after the other, and files what they return. Secrets are masked
 * first. What ran before a failure is kept in `result` (for the outputs and the summary) and the failure is
 * rethrown; a walk's failed images are in `result.failures` (each already reported where it failed).
 */
export async function runAction(
  inputs: ActionInputs,
  log: Log,
  signal: AbortSignal,
  result: ActionResult = emptyResult(),
): Promise<ActionResult> {
  for (const secret of [inputs.password, inputs.catalogToken, inputs.wikiToken])
    if (secret) log.addSecret(secret);
  for (const call of actionCalls(inputs)) await runCall(call, { log, signal }, result);
  return result;
}

async function runCall(
  call: ActionCall,
  context: { log: Log; signal: AbortSignal },
  result: ActionResult,
): Promise<void> {
  switch (call.command) {
    case 'plan':
      result.plan = await plan(call.options);
      return;
    case 'hook': {
      const { record, pushed, registered } = await hook(call.options, context);
      result.records.push(record);
      if (pushed) result.pushed.push(pushed);
      if (registered) result.registered.push(registered);
      return;
    }
    case 'walk': {
      const walked = await walk(call.options, context);
      for (const image of walked.images) {
        if (image.record) result.records.push(image.record);
        if (image.pushed) result.pushed.push(image.pushed);
        if (image.registered) result.registered.push(image.registered);
        if (image.status === 'failed' || image.status === 'skipped')
          result.failures.push({
            subject: buildName(image.image, image.variant),
            reason: image.reason ?? image.status,
            ...(image.junit ? { junit: image.junit } : {}),
          });
      }
      return;
    }
    case 'push':
      result.pushed.push(await push(call.options, context));
      return;
    case 'merge':
      result.merged.push(...(await merge(call.options, context)));
      return;
    case 'register':
      result.registered.push(...(await register(call.options, context)));
      return;
    case 'publish':
      result.published = await publish(call.options, context);
      return;
  }
}
