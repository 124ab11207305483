import type { Log } from '../log/log.js';
import { runCommand, tail } from '../engine/run-command.js';
import { stageError } from '../errors/stackhook-error.js';
import { pathExists } from '../fs/path-exists.js';

let updated = false;

/** Whether this process may install Debian packages itself (root on a Debian-like host). */
export async function canAptInstall(): Promise<boolean> {
  if (process.getuid?.() !== 0) return false;
  return pathExists('/usr/bin/apt-get');
}

/** apt-get install with an argv array; runs `apt-get update` once first. */
export async function aptInstall(packages: readonly string[], log: Log, recommends = true): Promise<void> {
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  if (!updated) {
    log.info('apt-get update');
    const update = await runCommand('apt-get', ['update', '-qq'], { env, timeoutMs: 300_000 });
    if (update.exitCode !== 0) throw stageError('apt-get update failed', 'apt', tail(update.stderr, 10));
    updated = true;
  }
  log.info(`apt-get install ${packages.join(' ')}`);
  const install = await runCommand(
    'apt-get',
    ['install', '-y', '-qq', ...(recommends ? [] : ['--no-install-recommends']), ...packages],
    {
      env,
      timeoutMs: 900_000,
    },
  );
  if (install.exitCode !== 0) {
    throw stageError(
      `apt-get install ${packages.join(' ')} failed`,
      'apt',
      tail(install.stderr || install.stdout, 10),
    );
  }
}
