import { mkdtemp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { execa } from 'execa';
import { PROBE_LABEL } from '../../src/engine/api-probe-session.js';
import { StackhookError } from '../../src/errors/stackhook-error.js';
import { RUNTIME_CHECK_IMAGE } from '../../src/environment/runtime-check-image.js';
import { runProbes } from '../../src/probe/run-probes.js';
import type { Tagger } from '../../src/probe/tagger.js';
import { testBaseImage, testEngine } from '../support/test-engine.js';

const engine = testEngine();

/** Which of `containerIds` still exist. */
async function leftovers(...containerIds: string[]): Promise<string[]> {
  const all = await engine.containersWithLabel(PROBE_LABEL);
  return containerIds.filter((id) => all.includes(id));
}

async function openOnBase() {
  const base = await engine.inspectImage(testBaseImage());
  return { id: base!.id, session: await engine.openProbeSession(base!.id) };
}

describe('ProbeSession on real podman', () => {
  it('runs many commands in one exec, each result in its place', async () => {
    const { session } = await openOnBase();
    await using _ = session;
    const results = await session.execAll([
      ['cat', '/etc/debian_version'],
      ['sh', '-c', 'echo oops >&2; exit 4'],
      ['printf', '%s', 'a; $(id) "b"'],
    ]);
    expect(results.map((result) => result.exitCode)).toEqual([0, 4, 0]);
    expect(results[0]!.stdout).toMatch(/^12\.\d+/);
    expect(results[1]!.stderr).toBe('oops\n');
    expect(results[2]!.stdout).toBe('a; $(id) "b"');
  });

  it('runs commands one exec each in an image without /bin/sh, time limits kept', async () => {
    const image = 'localhost/stackhook-tests/no-shell:latest';
    const context = await mkdtemp(path.join(os.tmpdir(), 'no-shell-'));
    await writeFile(
      path.join(context, 'Containerfile'),
      `FROM ${testBaseImage()}\nRUN rm /bin/sh /usr/bin/sh || true\n`,
    );
    await execa(process.env.STACKHOOK_PODMAN ?? 'podman', ['build', '-q', '-t', image, context]);
    const noShell = await engine.inspectImage(image);
    await using session = await engine.openProbeSession(noShell!.id);
    const results = await session.execAll(
      [
        ['cat', '/etc/debian_version'],
        ['ls', '/no/such'],
        ['sleep', '300'],
      ],
      undefined,
      [undefined, undefined, 1],
    );
    expect(results.map((result) => result.exitCode)).toEqual([0, 2, 137]);
    expect(results[0]!.stdout).toMatch(/^12\.\d+/);
    expect(results[2]!.timedOut).toBe(true);
  });

  it('leaves no container when the code using it throws', async () => {
    const { id } = await openOnBase().then(async ({ session }) => {
      const id = session.containerId;
      await expect(
        (async () => {
          await using _ = session;
          throw new Error('boom');
        })(),
      ).rejects.toThrow('boom');
      return { id };
    });
    expect(await leftovers(id)).toEqual([]);
  });

  it('leaves no container when a probe fails', async () => {
    const { session } = await openOnBase();
    const id = session.containerId;
    expect(await leftovers(id)).toEqual([id]);
    const failing: Tagger = { name: 'broken', commands: [['ls', '/no/such/dir']], value: () => 'never' };
    const context = {
      git: {
        sha: 'a'.repeat(40),
        shortSha: 'a'.repeat(12),
        message: 'm',
        root: '/',
        githubRepository: undefined,
      },
      now: new Date(),
      image: 'x',
      fullImage: 'x',
      imageSizeBytes: 0,
      buildTimestamp: '',
      repository: undefined,
    };
    const attempt = (async () => {
      await using _ = session;
      return await runProbes({ image: 'base', session, taggers: [failing], pieces: [], context });
    })();
    await expect(attempt).rejects.toThrow(StackhookError);
    await expect(attempt).rejects.toThrow(/tagger broken failed: `ls \/no\/such\/dir` exited with code 2/);
    expect(await leftovers(id)).toEqual([]);
  });

  it('removes a container that cannot start (no sleep in the image)', async () => {
    const session = await engine.openProbeSession(RUNTIME_CHECK_IMAGE).catch(async (error: Error) => {
      // The image's only binary is /bin/true, so it cannot run `sleep infinity` as PID 1.
      return error;
    });
    if (session instanceof Error) {
      expect(session.message).toMatch(/sleep|executable file|not found/);
      const image = await engine.inspectImage(RUNTIME_CHECK_IMAGE);
      expect(await engine.containersWithLabel(`${PROBE_LABEL}=${image!.id}`)).toEqual([]);
      return;
    }
    throw new Error('expected the session to fail to start');
  });

  it('an image that does not exist fails with a clear error and leaves nothing', async () => {
    await expect(engine.openProbeSession('localhost/stackhook/no-such-image:1')).rejects.toThrow(
      /no-such-image|not known|No such image/i,
    );
  });
});
