import type { ProbeSession } from '../engine/probe-session.js';
import type { Hierarchy } from '../hierarchy/hierarchy.js';
import { inheritedTestDirs, inheritedTests } from '../hierarchy/inherited-tests.js';
import type { Log } from '../log/log.js';
import type { BuiltImage } from '../records/built-image.js';
import type { OutFolder } from '../records/out-folder.js';
import type { TestResult } from '../records/test-result.js';
import { junitXml, type RanTest } from './junit-xml.js';
import { runTests } from './run-tests.js';
import { testSuiteDigest } from '../hierarchy/test-suite-digest.js';
import { briefCommand } from './brief-command.js';
import { TestFailedError } from './test-failed-error.js';

export interface TestStageRequest {
  hierarchy: Hierarchy;
  log: Log;
  built: BuiltImage;
  /** The container the probes use next: in-image tests run in it first. */
  session: ProbeSession;
  out: OutFolder;
  /** `--no-test`. */
  noTest?: boolean;
  now: Date;
  signal?: AbortSignal;
}

/** The stage's record, and the JUnit XML the build's files get when the image is described to the end. */
export interface TestStageResult {
  result: TestResult;
  junitXml: string | undefined;
}

/**
 * The image's tests and its ancestors' (after the build, before anything is tagged or pushed). A failing test
 * writes the JUnit file at once and throws, naming the image and the test, which stops the image (and, in a
 * walk, its subtree); passing tests leave their JUnit XML to be written with the build's other files.
 */
export async function testStage(request: TestStageRequest): Promise<TestStageResult> {
  const { hierarchy, log, built } = request;
  const { image } = built;
  const tests = inheritedTests(hierarchy, image);
  const none = { image, passed: 0, failed: 0, cases: [], durationMs: 0 };
  if (request.noTest && tests.length > 0) {
    log.info(`${image}: ${tests.length} tests skipped (--no-test)`);
    return { result: { ...none, skipped: true }, junitXml: undefined };
  }
  if (tests.length === 0) return { result: { ...none, skipped: false }, junitXml: undefined };
  const started = performance.now();
  const ran = await log.step(`test ${image} (${tests.length} tests)`, async () => {
    return runTests({
      tests,
      session: request.session,
      values: {
        dirs: inheritedTestDirs(hierarchy, image),
        registry: hierarchy.registry,
        owner: hierarchy.owner,
        image,
        reference: built.reference,
      },
      cwd: hierarchy.rootDir,
      suiteDigest: await testSuiteDigest(hierarchy, image),
      onOutput: (test, chunk) => {
        for (const line of chunk.split('\n')) if (line.trim()) log.debug(`  ${image} ${test}: ${line}`);
      },
      signal: request.signal,
    });
  });
  const durationMs = performance.now() - started;
  const build = { image, platform: built.platform, variant: built.variant };
  const junit = request.out.testsFile(build);
  const xml = junitXml({ image, reference: built.reference, timestamp: request.now, durationMs, tests: ran });
  const failed = ran.filter((test) => !test.passed);
  for (const test of ran)
    log.info(`${image}: test ${test.name} ${test.passed ? 'passed' : `FAILED (${test.failure})`}`);
  if (failed.length > 0) {
    await request.out.writeTests(build, xml);
    throw testFailure(image, failed, junit);
  }
  const cases = ran.map(({ stdout: _out, stderr: _err, ...rest }) => rest);
  return {
    result: { image, skipped: false, passed: ran.length, failed: 0, cases, junit, durationMs },
    junitXml: xml,
  };
}

function testFailure(image: string, failed: readonly RanTest[], junit: string) {
  const [first, ...rest] = failed;
  const more = rest.length > 0 ? ` (and ${rest.map((test) => test.name).join(', ')})` : '';
  const output = `${first!.stdout}${first!.stderr}`.trim().split('\n').slice(-10).join('\n');
  return new TestFailedError(
    {
      description: `failed: test ${first!.name} (\`${briefCommand(first!.argv)}\` ${first!.failure})${more}`,
      subject: `image ${image}`,
      details: `${output || '(no output)'}\nJUnit report: ${junit}`,
    },
    junit,
  );
}
