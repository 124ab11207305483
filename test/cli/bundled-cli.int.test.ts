import { readFile, rm, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { CLI_COMMANDS } from '../../src/cli/cli-commands.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(ROOT, 'bin', 'stackhook.js');
const CURRENT = path.join(ROOT, 'dist', 'cli', 'current.json');

// Every module the ES loader resolves (the bundle's chunks, and the packages left out of it), one URL a line.
const RECORD_HOOKS = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.STACKHOOK_TEST_LOADED, resolved.url + '\\n');
  return resolved;
}`;
const RECORD = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(RECORD_HOOKS)}`)});`,
)}`;

const stackhook = (args: string[], env: Record<string, string> = {}, nodeArgs: string[] = []) =>
  execa(process.execPath, [...nodeArgs, BIN, ...args], { cwd: ROOT, reject: false, env });

let runs = 0;
async function loadedBy(args: string[]): Promise<string[]> {
  const file = path.join(os.tmpdir(), `stackhook-loaded-${process.pid}-${runs++}.txt`);
  const result = await stackhook(args, { STACKHOOK_TEST_LOADED: file }, ['--import', RECORD]);
  expect(result.exitCode).toBe(0);
  const loaded = (await readFile(file, 'utf8')).trim().split('\n');
  await rm(file, { force: true });
  return loaded;
}

const builtDir = async () => (JSON.parse(await readFile(CURRENT, 'utf8')) as { dir: string }).dir;

describe('the bundled CLI (bin/stackhook.js, npm run hook)', () => {
  it('--version prints the package version', async () => {
    const manifest = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    const result = await stackhook(['--version']);
    expect(result.stdout.trim()).toBe(manifest.version);
  });

  it('--help lists every command, and each command its options', async () => {
    const listing = (await stackhook(['--help'])).stdout;
    for (const command of CLI_COMMANDS) {
      expect(listing).toContain(command.name);
      const declared = (await command.load())(() => {
        throw new Error('not run');
      });
      if (declared.options.length === 0) continue; // ami: its words are AMI's, --help included
      const help = await stackhook([command.name, '--help']);
      expect(help.exitCode).toBe(0);
      for (const option of declared.options) expect(help.stdout).toContain(option.flags);
    }
  });

  it("loads only the command that runs: --help none, plan neither hook's nor serve's modules", async () => {
    const chunk = (name: string) => new RegExp(`/dist/cli/[^/]+/${name}-[A-Z0-9]+\\.mjs$`);
    const help = await loadedBy(['--help']);
    for (const name of ['hook', 'plan', 'serve', 'walk'])
      expect(help).not.toContainEqual(expect.stringMatching(chunk(name)));
    const plan = await loadedBy(['plan', '--hierarchy', 'hierarchy/stacks.yaml']);
    expect(plan).toContainEqual(expect.stringMatching(chunk('plan')));
    for (const name of ['hook', 'serve', 'walk'])
      expect(plan).not.toContainEqual(expect.stringMatching(chunk(name)));
    for (const left of ['fastify', 'kysely', '@aws-sdk', 'better-sqlite3'])
      expect(plan).not.toContainEqual(expect.stringContaining(`/node_modules/${left}/`));
    const serve = await loadedBy(['serve', '--help']);
    expect(serve).toContainEqual(expect.stringContaining('/node_modules/fastify/'));
  });

  it('is rebuilt when a source is newer than the bundle, and only then', async () => {
    await stackhook(['--version']);
    const before = await builtDir();
    await stackhook(['--version']);
    expect(await builtDir()).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const now = new Date();
    await utimes(path.join(ROOT, 'src', 'cli', 'plan.ts'), now, now); // as an edit or a checkout leaves it
    const result = await stackhook(['--version']);
    expect(result.exitCode).toBe(0);
    expect(await builtDir()).not.toBe(before);
  });
});
