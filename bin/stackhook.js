#!/usr/bin/env node
// Runs the bundled CLI (dist/cli/, made by `npm run build:cli`, which `npm ci` runs as `prepare`). When a file it
// was bundled from is newer than the bundle (an edit, a pull, a checkout) or there is none, it is rebuilt first:
// what runs is always the tree, at the price of one build (about a second) after a change.
import { readFileSync, statSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const current = () => JSON.parse(readFileSync(new URL('dist/cli/current.json', root), 'utf8'));

function freshBuild() {
  try {
    const built = current();
    const stale = built.inputs.some((input) => statSync(new URL(input, root)).mtimeMs > built.builtAt);
    return stale ? undefined : built;
  } catch {
    return undefined; // no build yet, or an input is gone
  }
}

let built = freshBuild();
const tsx = built ? undefined : await import('tsx/esm/api');
if (tsx) {
  if (process.stderr.isTTY)
    process.stderr.write('stackhook: sources changed: bundling the CLI (dist/cli/)\n');
  const { buildCli } = await tsx.tsImport('../scripts/build-cli.ts', import.meta.url);
  built = await buildCli().catch((error) => {
    // A read-only install, say: the sources still run, through tsx (seconds, not milliseconds, to start).
    process.stderr.write(`stackhook: cannot bundle the CLI (${error.message}): running its sources\n`);
    return undefined;
  });
}
if (built) await import(new URL(`dist/cli/${built.dir}/main.mjs`, root).href);
else {
  tsx.register();
  await import('../src/cli/main.ts');
}
