import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';

/** The test virtualenv's bin folder (scripts/test.ts makes it: the real pyAMI from PyPI). */
const BIN = process.env.STACKHOOK_TEST_PYAMI_BIN ?? path.resolve('.stackhook', 'pyami-5.1.10', 'bin');

/** A pyAMI user: their own ~/.pyami, and the catalog registered as pyAMI's `stackhook` endpoint. */
export async function pyamiUser(endpoint: string) {
  const env = {
    STACKHOOK_PYAMI_ENDPOINT: endpoint,
    PYAMI_CONFIG_DIR: await mkdtemp(path.join(os.tmpdir(), 'stackhook-pyami-')),
  };
  const run = async (program: string, args: readonly string[], input?: string, extra = {}) => {
    const result = await execa(path.join(BIN, program), args, {
      reject: false,
      env: { ...env, ...extra },
      ...(input === undefined ? { stdin: 'ignore' as const } : { input }),
    });
    return { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr) };
  };
  return {
    env,
    /** `ami -e stackhook <args>`, as an ATLAS user types it. */
    ami: (args: readonly string[], input?: string) => run('ami', ['-e', 'stackhook', ...args], input),
    /** pyAMI-atlas' own CLI. */
    amiAtlas: (args: readonly string[]) => run('ami_atlas', ['-e', 'stackhook', ...args]),
    /** A Python script with pyAMI importable; `secrets` reach it through the environment, never argv. */
    python: (script: string, secrets: Record<string, string> = {}) =>
      run('python', ['-c', script], undefined, secrets),
  };
}

/** The rows of a text answer in AMI's layout (`  -> row`, `    -> NAME = "value"`). */
export function textRows(text: string): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  for (const line of text.split('\n')) {
    if (line === '  -> row') rows.push({});
    const field = /^ {4}-> (\S+) = "(.*)"$/.exec(line);
    if (field) rows[rows.length - 1]![field[1]!] = field[2]!.replace(/\\(.)/g, '$1');
  }
  return rows;
}
