import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { PushedImage } from '../../src/records/pushed-image.js';
import { AuthRegistry } from '../support/auth-registry.js';
import { fixtureRepo } from '../support/fixture-repo.js';
import { runCli, startCli } from '../support/run-cli.js';

// Pushes walk-stack's `right` (its root + one COPY) to docker-registries with basic auth.
let repo: string;
let registry: AuthRegistry;

// prettier-ignore
const pushArgs = (target: string): string[] =>
  ['push', 'right', '--hierarchy', 'stacks.yaml', '--out', 'out', '--registry', target, '--username', 'pusher', '--password-stdin', '--json'];
const push = (target: string, password: string) => runCli(pushArgs(target), repo, { input: `${password}\n` });

/** What the registry serves for a reference, read with skopeo (not podman) and the registry's credentials. */
async function skopeoDigest(reg: AuthRegistry, reference: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-skopeo-'));
  const authFile = path.join(dir, 'auth.json');
  const auth = Buffer.from(`${reg.username}:${reg.password}`).toString('base64');
  await writeFile(authFile, JSON.stringify({ auths: { [reg.address]: { auth } } }));
  const { stdout } = await execa('skopeo', [
    'inspect',
    '--tls-verify=false',
    '--authfile',
    authFile,
    `docker://${reference}`,
  ]);
  return (JSON.parse(stdout) as { Digest: string }).Digest;
}

beforeAll(async () => {
  repo = await fixtureRepo('walk-stack');
  const hook = await runCli(
    ['hook', 'right', '--hierarchy', 'stacks.yaml', '--out', 'out', '--previous-from', 'out'],
    repo,
  );
  if (hook.exitCode !== 0) throw new Error(`hook failed:\n${hook.stderr}`);
  registry = await AuthRegistry.start();
});
afterAll(async () => {
  await registry?.[Symbol.asyncDispose]();
});

describe('stackhook push to a registry with basic auth', () => {
  let first: PushedImage;

  it('pushes every tag with the password from stdin, and the registry serves that digest', async () => {
    const result = await push(`${registry.address}/team`, registry.password);
    expect(result.exitCode).toBe(0);
    first = JSON.parse(result.stdout) as PushedImage;
    expect(first.references.map((ref) => ref.reference)).toEqual(
      expect.arrayContaining([`${registry.address}/team/right:x86_64-latest`]),
    );
    expect(first.references.length).toBeGreaterThanOrEqual(3);
    expect(new Set(first.references.map((ref) => ref.digest))).toEqual(new Set([first.digest]));
    expect(await skopeoDigest(registry, `${registry.address}/team/right:x86_64-latest`)).toBe(first.digest);
    expect(result.stdout + result.stderr).not.toContain(registry.password);
  });

  it('pushes an unchanged image again to the same digest', async () => {
    const again = await push(`${registry.address}/team`, registry.password);
    expect(again.exitCode).toBe(0);
    expect((JSON.parse(again.stdout) as PushedImage).digest).toBe(first.digest);
  });

  it('fails at once on a wrong password, without retrying, and never shows it', async () => {
    const wrong = 'not-the-password-42';
    const started = Date.now();
    const result = await push(`${registry.address}/team`, wrong);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/podman login to 127\.0\.0\.1:\d+ failed/);
    expect(result.stderr).toMatch(/invalid username\/password/);
    expect(result.stderr).not.toMatch(/retrying/);
    expect(result.stdout + result.stderr).not.toContain(wrong);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('retries when the registry goes away in the middle of a push, and the digest checks out', async () => {
    await using flaky = await AuthRegistry.start();
    const child = startCli(pushArgs(`${flaky.address}/team`), repo, { input: `${flaky.password}\n` });
    // Pull the plug once the push has begun (login done): a fresh registry gets every layer uploaded.
    await new Promise<void>((resolve) => {
      let seen = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('▶ push right')) resolve();
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await flaky.stop();
    // Longer than podman's own three quick retries: stackhook's backoff has to carry the push.
    await new Promise((resolve) => setTimeout(resolve, 8000));
    await flaky.resume();
    const done = await child;
    const result = { exitCode: done.exitCode, stdout: String(done.stdout), stderr: String(done.stderr) };
    // On failure, show why (the stderr) rather than only the exit code.
    expect({ exitCode: result.exitCode, stderr: result.exitCode === 0 ? '' : result.stderr }).toEqual({
      exitCode: 0,
      stderr: '',
    });
    expect(result.stderr).toMatch(/attempt 1 failed .*retrying in/);
    const pushed = JSON.parse(result.stdout) as PushedImage;
    expect(pushed.references[0]!.attempts).toBeGreaterThan(1);
    expect(await skopeoDigest(flaky, `${flaky.address}/team/right:x86_64-latest`)).toBe(pushed.digest);
  });
});
