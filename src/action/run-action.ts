import { builtinProbeCatalog, knownProbes } from '../pipeline/builtin-probes.js';
import { loadHierarchy } from '../hierarchy/load-hierarchy.js';
import { pushTargets } from '../cli/push-targets.js';
import { StackhookError } from '../errors/stackhook-error.js';
import type { Log } from '../log/log.js';
import type { ActionInputs } from './action-inputs.js';
import { collectResult, emptyResult, type ActionResult } from './action-result.js';
import { commandInvocations } from './command-invocations.js';
import { runStackhook } from './run-stackhook.js';
import { TemporaryAuthFile } from './temporary-auth-file.js';

/**
 * Runs the commands the inputs ask for, one after the other, and gathers what they printed. Tokens go to the
 * commands through the environment variables they read (STACKHOOK_CATALOG_KEY, STACKHOOK_WIKI_TOKEN), masked
 * first; a username and password through a temporary auth file. What ran before a failure is kept in
 * `result` (for the summary) and the failure is rethrown.
 */
export async function runAction(
  inputs: ActionInputs,
  log: Log,
  signal: AbortSignal,
  result: ActionResult = emptyResult(),
): Promise<ActionResult> {
  for (const secret of [inputs.password, inputs.catalogToken, inputs.wikiToken])
    if (secret) log.addSecret(secret);
  if (inputs.catalogToken) process.env.STACKHOOK_CATALOG_KEY = inputs.catalogToken;
  if (inputs.wikiToken) process.env.STACKHOOK_WIKI_TOKEN = inputs.wikiToken;
  await using credentials =
    inputs.username && inputs.password
      ? await TemporaryAuthFile.write(await registryHosts(inputs), inputs.username, inputs.password)
      : undefined;
  const authFile = credentials?.file ?? inputs.authFile;
  // Every podman call of the run (base images, previous builds, parents) reads the same credentials.
  const previousAuthFile = process.env.REGISTRY_AUTH_FILE;
  if (authFile) process.env.REGISTRY_AUTH_FILE = authFile;
  try {
    await runInvocations(inputs, authFile, log, signal, result);
  } finally {
    if (previousAuthFile === undefined) delete process.env.REGISTRY_AUTH_FILE;
    else process.env.REGISTRY_AUTH_FILE = previousAuthFile;
  }
  return result;
}

async function runInvocations(
  inputs: ActionInputs,
  authFile: string | undefined,
  log: Log,
  signal: AbortSignal,
  result: ActionResult,
): Promise<void> {
  for (const invocation of commandInvocations(inputs, authFile)) {
    const command = invocation.args[0]!;
    process.exitCode = undefined;
    const printed = await runStackhook(invocation.args, log, signal);
    collectResult(result, command, printed);
    // walk reports failed images through its exit code, after printing what it did
    if (process.exitCode) {
      throw new StackhookError({
        kind: 'stage',
        description: `${command} failed for some images (see above)`,
        subject: `stackhook ${command}`,
      });
    }
  }
}

/** The registries the credentials are for: the `registries` input, else the hierarchy's push targets. */
async function registryHosts(inputs: ActionInputs): Promise<string[]> {
  const hierarchy = await loadHierarchy(inputs.hierarchy, knownProbes(builtinProbeCatalog()));
  return pushTargets(hierarchy, inputs.registries).map((target) => target.host);
}
