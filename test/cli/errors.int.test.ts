import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PROBE_LABEL } from '../../src/engine/api-probe-session.js';
import { fixtureRepo } from '../support/fixture-repo.js';
import { runCli } from '../support/run-cli.js';
import { testEngine } from '../support/test-engine.js';

let repo: string;
beforeAll(async () => {
  repo = await fixtureRepo('probe-stack');
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

describe('bad input and failures', () => {
  it('a hierarchy error exits 2 naming the file, line, key and image', async () => {
    const file = path.join(repo, 'bad.yaml');
    const text = await readFile(path.join(repo, 'stacks.yaml'), 'utf8');
    await writeFile(
      file,
      text.replace('probe-child:\n    parent: probe-root', 'probe-child:\n    parent: probe-rot'),
    );
    const result = await runCli(['hook', 'probe-child', '--hierarchy', 'bad.yaml'], repo);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      /bad\.yaml:42 images\.probe-child\.parent \(image probe-child\): unknown parent "probe-rot" \(did you mean "probe-root"\?\)/,
    );
  });

  it.each([
    ['hook', 'probe-child', '--bogus'],
    ['publish', '--wiki'],
  ])('a usage error (%j) exits 2', async (...args) => {
    const result = await runCli(args, repo);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      /^error: (unknown option '--bogus'|option '--wiki <path\|url>' argument missing)/m,
    );
  });

  it('an unknown image exits 2', async () => {
    const result = await runCli(['hook', 'nope', '--hierarchy', 'stacks.yaml'], repo);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('unknown image "nope"');
  });

  it("a failed build exits 1 with the failing step and the end of podman's output, writing nothing", async () => {
    const out = path.join(repo, 'out-broken');
    const result = await runCli(['hook', 'broken-build', '--hierarchy', 'stacks.yaml', '--out', out], repo);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(
      /image broken-build \(.*broken-build\/Dockerfile\): build failed \(podman exit \d+\) at STEP 2\/\d+: RUN echo "about to fail"/,
    );
    expect(result.stderr).toContain('compiler exploded');
    expect(await filesUnder(out)).toEqual([]);
  });

  it('a failing tagger exits 1 naming the tagger, its command, exit code and stderr; nothing is left behind', async () => {
    const out = path.join(repo, 'out-tagger');
    const result = await runCli(['hook', 'failing-tagger', '--hierarchy', 'stacks.yaml', '--out', out], repo);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(
      'image failing-tagger, tagger r: tagger r failed: `R --version` exited with code 127',
    );
    expect(result.stderr).toMatch(/R: (not found|.*No such file)/);
    expect(await filesUnder(out)).toEqual([]);
    const engine = testEngine();
    const image = await engine.inspectImage('localhost:5000/stackhook-test/failing-tagger:x86_64-latest');
    expect(await engine.containersWithLabel(`${PROBE_LABEL}=${image!.id}`)).toEqual([]);
  });
});
