import type { TestResult } from '../records/test-result.js';

/** The manifest's `## Tests` line ("4 passed", which failed, or skipped); none for an image without tests. */
export function testsSection(tests: TestResult): string | undefined {
  return testsLine(tests) && `## Tests\n\n${testsLine(tests)}`;
}

/** "4 passed", "3 passed, 1 failed: name", "skipped (--no-test)"; undefined when the image has no tests. */
export function testsLine(tests: TestResult): string | undefined {
  if (tests.skipped) return 'skipped (--no-test)';
  if (tests.cases.length === 0) return undefined;
  const failed = tests.cases.filter((test) => !test.passed).map((test) => test.name);
  const passed = `${tests.cases.length - failed.length} passed`;
  return failed.length > 0 ? `${passed}, ${failed.length} failed: ${failed.join(', ')}` : passed;
}
