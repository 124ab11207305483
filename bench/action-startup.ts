// npm run bench -- action-startup [--rounds N]: how long the bundled Action (dist/action.mjs) takes from process
// start to its first stage (the first `::group::` line: bundle loaded, inputs read, the command started), next to
// a bare `node` start in the same run, and the bundle's size.
import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = path.join(ROOT, 'dist', 'action.mjs');
const roundsAt = process.argv.indexOf('--rounds');
const rounds = roundsAt > 0 ? Number(process.argv[roundsAt + 1]) : 15;

/** Milliseconds from spawn until `marker` appears on stdout (the process is killed then), or until it exits. */
async function timeUntil(
  args: string[],
  marker: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const started = performance.now();
  const child = execa(process.execPath, args, {
    cwd: ROOT,
    env,
    stderr: 'ignore',
    reject: false,
    buffer: false,
  });
  let seen = '';
  let at: number | undefined;
  child.stdout!.on('data', (chunk: Buffer) => {
    seen += chunk.toString();
    if (marker && at === undefined && seen.includes(marker)) {
      at = performance.now() - started;
      child.kill('SIGKILL');
    }
  });
  await child;
  if (marker && at === undefined) throw new Error(`no ${marker} in: ${seen.slice(0, 500)}`);
  return at ?? performance.now() - started;
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

const actionEnv = {
  ...process.env,
  INPUT_COMMAND: 'hook',
  INPUT_IMAGES: 'base-notebook',
  INPUT_PUSH: 'false',
  GITHUB_EVENT_NAME: 'push',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_OUTPUT: path.join(os.tmpdir(), 'stackhook-bench-output'),
  GITHUB_STEP_SUMMARY: path.join(os.tmpdir(), 'stackhook-bench-summary'),
};
const bare: number[] = [];
const action: number[] = [];
for (let round = 0; round < rounds; round++) {
  bare.push(await timeUntil(['-e', ''], undefined, process.env));
  action.push(await timeUntil([ENTRY], '::group::', actionEnv));
}
const size = (await stat(ENTRY)).size;
const row = (name: string, values: number[]) =>
  `${name.padEnd(34)} ${percentile(values, 50).toFixed(0).padStart(6)} ${percentile(values, 90).toFixed(0).padStart(6)}`;
console.log(
  `bench/action-startup: ${rounds} rounds, node ${process.version}, ${os.availableParallelism()} cores`,
);
console.log(`${'from process start to'.padEnd(34)} ${'p50 ms'.padStart(6)} ${'p90 ms'.padStart(6)}`);
console.log(row('exit of `node -e ""` (the floor)', bare));
console.log(row('first stage of dist/action.mjs', action));
console.log(`ratio (p50): ${(percentile(action, 50) / percentile(bare, 50)).toFixed(1)}x a bare node start`);
console.log(
  `bundle: dist/action.mjs ${(size / 1024).toFixed(0)} KiB (${(size / 1024 / 1024).toFixed(2)} MiB)`,
);
console.log('target: first stage under 500 ms');
