import type { Command } from 'commander';
import type { RegistryCredentials } from '../commands/registry-credentials.js';
import { inputError } from '../errors/stackhook-error.js';
import { collect } from './collect.js';
import { readPassword } from './read-password.js';

/** The options of the commands that reach registries (`push`, `merge`, `walk --push`): where, and as whom. */
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

/** The credentials the options name; the password piped with --password-stdin needs --username (exit 2). */
export async function registryCredentials(options: RegistryOptions): Promise<RegistryCredentials> {
  const password = options.passwordStdin ? await readPassword(process.stdin) : undefined;
  if (password === undefined) return { authFile: options.authfile };
  if (!options.username) throw inputError('--password-stdin needs --username', '--username');
  return { authFile: options.authfile, login: { username: options.username, password } };
}
