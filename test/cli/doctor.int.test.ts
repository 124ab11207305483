import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Check } from '../../src/environment/check.js';
import { runCli } from '../support/run-cli.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('stackhook doctor', () => {
  it('reports podman, its runtime, the API socket, the registry, the base image and git', async () => {
    const result = await runCli(['doctor', '--json'], ROOT);
    const checks = JSON.parse(result.stdout) as Check[];
    const byName = Object.fromEntries(checks.map((check) => [check.name, check]));
    expect(byName.podman).toMatchObject({ ok: true, found: expect.stringMatching(/^\d+\.\d+\.\d+ \(/) });
    expect(byName.runtime?.ok).toBe(true);
    expect(byName['api socket']).toMatchObject({ ok: true, found: process.env.STACKHOOK_PODMAN_SOCKET });
    expect(byName.registry).toMatchObject({
      ok: true,
      found: expect.stringContaining('answers on 127.0.0.1:5000'),
    });
    expect(byName['base of docker-stacks-foundation']?.ok).toBe(true);
    expect(byName.git).toMatchObject({ ok: true, found: expect.stringMatching(/^commit [0-9a-f]{12} in /) });
    expect(result.exitCode).toBe(0);
  });

  it('names the fix for what is missing and exits 1', async () => {
    const bare = await mkdtemp(path.join(os.tmpdir(), 'stackhook-doctor-'));
    const result = await runCli(['doctor', '--hierarchy', 'missing.yaml'], bare);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/✗ git +not inside a git repository/);
    expect(result.stdout).toContain('fix: git init && git add -A && git commit');
    expect(result.stderr).toContain('missing.yaml');
  });
});
