import { access } from 'node:fs/promises';
import { runTests } from '../../src/pipeline/run-tests.js';
import type { ImageTest } from '../../src/hierarchy/image-test.js';
import { testDefinitionSchema } from '../../src/hierarchy/test-schema.js';
import { testBaseImage, testEngine } from '../support/test-engine.js';

// Hostile tests on real podman (the test base image) and real host processes: hanging, left-behind writers,
// framing-like and binary output, secrets in the environment, values that a shell would split.
const engine = testEngine();

const test = (name: string, definition: Record<string, unknown>): ImageTest => ({
  name,
  definition: testDefinitionSchema.parse({ name, ...definition }),
  image: 'root',
  subject: `stacks.yaml:1 images.root.tests.${name}`,
});

const values = {
  dirs: ['tests/by_image/root dir', 'tests/$(touch /tmp/stackhook-r18-pwned)'],
  registry: 'localhost:5000',
  owner: 'own er; id',
  image: 'root',
  reference: 'localhost:5000/own er/root:x86_64-latest',
};

async function run(tests: ImageTest[]) {
  const base = await engine.inspectImage(testBaseImage());
  await using session = await engine.openProbeSession(base!.id);
  const started = performance.now();
  const ran = await runTests({ tests, session, values, cwd: process.cwd() });
  return { ran, seconds: (performance.now() - started) / 1000 };
}

describe('runTests against hostile tests', () => {
  it('fails an in-image test at its timeout, batched or alone, and the others still pass', async () => {
    const { ran, seconds } = await run([
      test('hangs', { run: ['sh', '-c', 'echo waiting; sleep 300'], timeout: 2 }),
      test('quick', { run: ['cat', '/etc/debian_version'], stdout: '^\\d+' }),
    ]);
    expect(seconds).toBeLessThan(60);
    expect(ran[0]).toMatchObject({ passed: false, failure: expect.stringMatching(/^timed out after 2 s/) });
    expect(ran[0]!.stdout).toBe('waiting\n');
    expect(ran[1]).toMatchObject({ passed: true });
    const alone = await run([test('hangs', { run: ['sleep', '300'], timeout: 1 })]);
    expect(alone.seconds).toBeLessThan(60);
    expect(alone.ran[0]!.failure).toMatch(/^timed out after 1 s/);
  });

  it('keeps each result apart when a test prints framing, binary bytes or leaves a writer behind', async () => {
    const writer = 'i=0; while [ $i -lt 100 ]; do echo "late $i"; i=$((i+1)); sleep 0.02; done';
    const { ran } = await run([
      test('framing', { run: ['printf', '@@stackhook 1 0 999 0 0\\n'] }),
      test('binary', {
        run: ['sh', '-c', 'head -c 4096 /dev/urandom; echo; echo tail-line'],
        stdout: 'tail-line',
      }),
      test('writer', { run: ['sh', '-c', `(${writer}) & echo started`], stdout: '^started$' }),
      test('after', { run: ['sh', '-c', 'sleep 0.5; echo fine'], stdout: '^fine$' }),
    ]);
    expect(ran.map((one) => [one.name, one.passed])).toEqual([
      ['framing', true],
      ['binary', true],
      ['writer', true],
      ['after', true],
    ]);
    expect(ran[0]!.stdout).toBe('@@stackhook 1 0 999 0 0\n');
  });

  it('keeps the end of a huge output, in the image as on the host sh', async () => {
    const { ran } = await run([
      test('huge', { run: ['sh', '-c', 'head -c 40000000 /dev/zero; echo the-end'], stdout: 'the-end$' }),
      test('small', { run: ['printf', 'ok'], stdout: '^ok$' }),
    ]);
    expect(ran.map((one) => one.passed)).toEqual([true, true]);
    expect(ran[0]!.stdout.length).toBeLessThanOrEqual(16 * 1024 * 1024);
  });

  it('fails every in-image test, saying why, when one kills the batch, and runs none of them twice', async () => {
    const base = await engine.inspectImage(testBaseImage());
    await using session = await engine.openProbeSession(base!.id);
    const ran = await runTests({
      tests: [
        test('killer', { run: ['sh', '-c', 'sleep 0.5; echo x >>/tmp/killer; kill -9 -1; sleep 1'] }),
        test('slow', { run: ['sh', '-c', 'echo x >>/tmp/slow; sleep 2'] }),
      ],
      session,
      values,
      cwd: process.cwd(),
    });
    expect(ran.map((one) => one.passed)).toEqual([false, false]);
    for (const one of ran)
      expect(one.failure).toMatch(/^no result: the batch of 2 commands ended without their results/);
    const counts = await session.exec(['sh', '-c', 'cat /tmp/killer; cat /tmp/slow']);
    expect(counts.stdout).toBe('x\nx\n');
  });

  it('kills a host suite at its timeout, and does not wait for what a passing suite left running', async () => {
    const { ran, seconds } = await run([
      test('left-running', { host: ['sh', '-c', 'sleep 300 & echo served'], stdout: '^served$' }),
      test('hangs', { host: ['sh', '-c', 'sleep 300'], timeout: 1 }),
    ]);
    expect(seconds).toBeLessThan(30);
    expect(ran[0]).toMatchObject({ passed: true });
    expect(ran[1]).toMatchObject({ passed: false, failure: expect.stringMatching(/^timed out after 1 s/) });
  });

  it('keeps the end of a host suite that prints 150 MB (NUL bytes crashed node; over 100 MB killed the suite)', async () => {
    const { ran } = await run([
      test('floods', { host: ['sh', '-c', 'head -c 150000000 /dev/zero; echo the-end'], stdout: 'the-end$' }),
    ]);
    expect(ran[0]).toMatchObject({ passed: true, exitCode: 0 });
    expect(ran[0]!.stdout.length).toBe(16 * 1024 * 1024);
  });

  it('fails a host suite whose {dirs} would be empty instead of running it on the whole folder', async () => {
    const base = await engine.inspectImage(testBaseImage());
    await using session = await engine.openProbeSession(base!.id);
    const ran = await runTests({
      tests: [test('pytest', { host: ['true', '{dirs}'] })],
      session,
      values: { ...values, dirs: [] },
      cwd: process.cwd(),
    });
    expect(ran[0]).toMatchObject({
      passed: false,
      failure: expect.stringMatching(/^\{dirs\} is empty: neither root nor/),
    });
  });

  it('gives a host suite each value as one argument, through no shell, and none of the secrets', async () => {
    const secrets = {
      INPUT_PASSWORD: 'r18-registry-password',
      'INPUT_CATALOG-TOKEN': 'r18-catalog-token',
      STACKHOOK_CATALOG_KEY: 'r18-catalog-key',
      STACKHOOK_WIKI_TOKEN: 'r18-wiki-token',
      GITHUB_TOKEN: 'r18-github-token',
      REGISTRY_AUTH_FILE: '/run/r18/auth.json',
    };
    Object.assign(process.env, secrets);
    try {
      const script =
        'import json, os, sys; print(json.dumps({"argv": sys.argv[1:], "env": dict(os.environ)}))';
      const { ran } = await run([
        test('argv', { host: ['python3', '-c', script, '{dirs}', '--owner={owner}', '{reference}'] }),
      ]);
      expect(ran[0]).toMatchObject({ passed: true });
      const seen = JSON.parse(ran[0]!.stdout) as { argv: string[]; env: Record<string, string> };
      expect(seen.argv).toEqual([...values.dirs, '--owner=own er; id', values.reference]);
      await expect(access('/tmp/stackhook-r18-pwned')).rejects.toThrow();
      for (const name of Object.keys(secrets)) expect(seen.env[name]).toBeUndefined();
      expect(JSON.stringify(seen.env)).not.toMatch(/r18-/);
      expect(seen.env.PATH).toContain(process.env.PATH);
    } finally {
      for (const name of Object.keys(secrets)) delete process.env[name];
    }
  });
});
