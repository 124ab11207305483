import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// What users run (`stackhook`, `npm run hook`): the bundle, rebuilt first when the sources are newer.
const BIN = path.join(ROOT, 'bin', 'stackhook.js');

export interface CliOptions {
  /** Added to the environment (a token, a password file...). */
  env?: Record<string, string>;
  /** Piped to stdin (`--password-stdin`). */
  input?: string;
}

/** Starts `stackhook <args>` in `cwd`, in one node process (so a test's signal reaches it directly). */
export function startCli(args: readonly string[], cwd: string, options: CliOptions = {}): ResultPromise {
  return execa(process.execPath, [BIN, ...args], {
    reject: false,
    cwd,
    env: { STACKHOOK_STATE_DIR: path.join(ROOT, '.stackhook'), ...options.env },
    ...(options.input === undefined ? {} : { input: options.input }),
  });
}

export async function runCli(args: readonly string[], cwd: string, options: CliOptions = {}) {
  const result = await startCli(args, cwd, options);
  return { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr) };
}
