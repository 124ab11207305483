import type { BuildRecord } from '../../src/records/build-record.js';
import { runCli } from './run-cli.js';

/** `stackhook walk --json` in a fixture repo (out/, two jobs), with the records it printed. */
export async function runWalkCli(repo: string, ...args: string[]) {
  const result = await runCli(
    ['walk', '--hierarchy', 'stacks.yaml', '--out', 'out', '--jobs', '2', '--json', ...args],
    repo,
  );
  return { ...result, records: result.stdout ? (JSON.parse(result.stdout) as BuildRecord[]) : [] };
}
