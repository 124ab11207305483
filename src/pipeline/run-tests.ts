import type { ProbeSession } from '../engine/probe-session.js';
import { runCommand } from '../engine/run-command.js';
import type { ImageTest } from '../hierarchy/image-test.js';
import { expandTestCommand, type TestCommandValues } from '../hierarchy/test-command-template.js';
import type { RanTest } from './junit-xml.js';
import { testFingerprint } from '../hierarchy/test-fingerprint.js';
import { DEFAULT_TEST_TIMEOUT_SECONDS } from '../hierarchy/test-schema.js';
import { suiteEnvironment } from './suite-environment.js';

export interface RunTestsRequest {
  tests: readonly ImageTest[];
  session: ProbeSession;
  /** What host templates are filled with. */
  values: TestCommandValues;
  /** Where host-side suites run: the stack file's folder (test folders are relative to it). */
  cwd: string;
  /** testSuiteDigest of the image, taken before the suites run: part of their fingerprints. */
  suiteDigest?: string;
  onOutput?: (test: string, chunk: string) => void;
  signal?: AbortSignal;
}

/**
 * Runs an image's tests: every in-image command together in the session's container (as the probes are),
 * then each host-side suite in turn (a suite starts containers of its own, and several at once would compete
 * for the machine). Results in the tests' order. Each is killed after its `timeout` (default 10 minutes in the image, an hour on the host); a host
 * suite gets stackhook's environment without its secrets.
 */
export async function runTests(request: RunTestsRequest): Promise<RanTest[]> {
  const { tests, signal } = request;
  const inImage = tests.filter((test) => test.definition.run !== undefined);
  const started = performance.now();
  const results: Outcome[] = await request.session
    .execAll(
      inImage.map((test) => test.definition.run!),
      signal,
      inImage.map(timeoutSeconds),
    )
    .catch((error: unknown) => {
      // A test that killed the batch leaves no result for any: each fails, saying so (the JUnit file too).
      signal?.throwIfAborted();
      const broken = `no result: ${(error as Error).message}`;
      return inImage.map((test) => ({
        argv: test.definition.run!,
        exitCode: -1,
        stdout: '',
        stderr: '',
        broken,
      }));
    });
  signal?.throwIfAborted();
  const batchMs = performance.now() - started;
  const ran = new Map<ImageTest, RanTest>();
  inImage.forEach((test, index) =>
    ran.set(test, judge(test, 'run', results[index]!, batchMs, request.suiteDigest)),
  );
  for (const test of tests) {
    if (test.definition.host === undefined) continue;
    const [file, ...args] = expandTestCommand(test.definition.host, request.values);
    if (test.definition.host.includes('{dirs}') && request.values.dirs.length === 0) {
      // pytest given no folder collects everything under its cwd: every image's tests, or none, would run.
      const broken = `{dirs} is empty: neither ${request.values.image} nor an ancestor has a test folder (testDir:, or tests/by_image/<image>)`;
      ran.set(
        test,
        judge(
          test,
          'host',
          { argv: [file!, ...args], exitCode: -1, stdout: '', stderr: '', broken },
          0,
          request.suiteDigest,
        ),
      );
      continue;
    }
    const begun = performance.now();
    const result = await runCommand(file!, args, {
      cwd: request.cwd,
      env: suiteEnvironment(process.env),
      envOnly: true,
      ownGroup: true,
      keepTail: 16 * 1024 * 1024,
      timeoutMs: timeoutSeconds(test) * 1000,
      signal,
      onOutput: (chunk) => request.onOutput?.(test.name, chunk),
    });
    signal?.throwIfAborted();
    ran.set(test, judge(test, 'host', result, performance.now() - begun, request.suiteDigest));
  }
  return tests.map((test) => ran.get(test)!);
}

interface Outcome {
  argv: readonly string[];
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut?: boolean;
  /** Why there is no result at all. */
  broken?: string;
}

function timeoutSeconds(test: ImageTest): number {
  return test.definition.timeout ?? DEFAULT_TEST_TIMEOUT_SECONDS[test.definition.run ? 'run' : 'host'];
}

function judge(
  test: ImageTest,
  kind: RanTest['kind'],
  outcome: Outcome,
  durationMs: number,
  suiteDigest: string | undefined,
): RanTest {
  const { exit, stdout } = test.definition;
  const failure = outcome.broken
    ? outcome.broken
    : outcome.timedOut
      ? `timed out after ${timeoutSeconds(test)} s (killed; \`timeout:\` sets the limit)`
      : outcome.exitCode !== exit
        ? `exited with code ${outcome.exitCode}, expected ${exit}`
        : stdout !== undefined && !new RegExp(stdout, 'm').test(outcome.stdout)
          ? `stdout does not match /${stdout}/`
          : undefined;
  return {
    name: test.name,
    fingerprint: testFingerprint(test, suiteDigest),
    kind,
    from: test.image,
    argv: [...outcome.argv],
    passed: failure === undefined,
    exitCode: outcome.exitCode,
    failure,
    durationMs,
    stdout: outcome.stdout,
    stderr: outcome.stderr,
  };
}
