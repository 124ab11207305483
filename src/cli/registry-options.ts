import type { Command } from 'commander';
import type { Engine } from '../engine/engine.js';
import { inputError } from '../errors/stackhook-error.js';
import type { Log } from '../log/log.js';
import { RegistryCredentials } from '../registry/registry-credentials.js';
import type { RegistryTarget } from '../registry/registry-target.js';
import { collect } from './collect.js';
import { readPassword } from './read-password.js';

/** The options of the commands that push (`push`, `walk --push`): where to, and with which credentials. */
export interface RegistryOptions {
  registry: string[];
  username?: string;
  passwordStdin: boolean;
  authfile?: string;
}

export function addRegistryOptions(command: Command, registryHelp: string): Command {
  return command
    .option('--registry <host[/owner]>', registryHelp, collect, [])
    .option('--username <user>', 'registry user (with --password-stdin)')
    .option('--password-stdin', 'read the registry password from stdin', false)
    .option('--authfile <file>', 'podman/docker auth.json with the registry credentials');
}

/** Reads the password from stdin when asked to, and logs in to the targets (exit 2 on a missing --username). */
export async function openRegistryCredentials(
  options: RegistryOptions,
  context: { engine: Engine; log: Log; targets: readonly RegistryTarget[]; signal: AbortSignal },
): Promise<RegistryCredentials> {
  const password = await readRegistryPassword(options);
  return RegistryCredentials.open({
    ...context,
    authFile: options.authfile,
    username: options.username,
    password,
  });
}

/** The password piped with --password-stdin (undefined without it); it needs --username (exit 2). */
export async function readRegistryPassword(options: RegistryOptions): Promise<string | undefined> {
  const password = options.passwordStdin ? await readPassword(process.stdin) : undefined;
  if (password !== undefined && !options.username)
    throw inputError('--password-stdin needs --username', '--username');
  return password;
}
