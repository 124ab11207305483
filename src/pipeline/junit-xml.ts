import type { TestCase } from '../records/test-result.js';

/** A test as it ran, with what it printed (the JUnit file keeps the output; the record does not). */
export interface RanTest extends TestCase {
  stdout: string;
  stderr: string;
}

export interface JunitSuite {
  /** The image's short name: the suite's name. */
  image: string;
  /** The built reference, as a property. */
  reference: string;
  timestamp: Date;
  durationMs: number;
  tests: readonly RanTest[];
}

/** Output kept per stream: enough for a CI report, not a log archive. */
const MAX_OUTPUT = 256 * 1024;

/**
 * JUnit XML as CI tools read it (testsuites > testsuite > testcase, a failure element with the output): one
 * suite per image, each test's classname the image that defines it, so inherited tests show where they are from.
 */
export function junitXml(suite: JunitSuite): string {
  const failures = suite.tests.filter((test) => !test.passed).length;
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const counts = `tests="${suite.tests.length}" failures="${failures}" errors="0" skipped="0"`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="stackhook" ${counts} time="${seconds(suite.durationMs)}">`,
    `  <testsuite name="${attribute(suite.image)}" ${counts} time="${seconds(suite.durationMs)}" timestamp="${suite.timestamp.toISOString().slice(0, 19)}">`,
    '    <properties>',
    `      <property name="reference" value="${attribute(suite.reference)}"/>`,
    '    </properties>',
  ];
  for (const test of suite.tests) {
    lines.push(
      `    <testcase name="${attribute(test.name)}" classname="${attribute(`${test.from}.${test.kind}`)}" time="${seconds(test.durationMs)}">`,
    );
    if (!test.passed)
      lines.push(
        `      <failure message="${attribute(test.failure ?? 'failed')}" type="${test.exitCode === 0 ? 'stdout' : 'exit-code'}">${text(`$ ${test.argv.join(' ')}\n${tail(test.stdout)}${tail(test.stderr)}`)}</failure>`,
      );
    if (test.stdout) lines.push(`      <system-out>${text(tail(test.stdout))}</system-out>`);
    if (test.stderr) lines.push(`      <system-err>${text(tail(test.stderr))}</system-err>`);
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

function tail(output: string): string {
  return output.length > MAX_OUTPUT ? `…${output.slice(-MAX_OUTPUT)}` : output;
}

/** XML 1.0 can't carry most control characters, even escaped: they become U+FFFD. */
function text(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function attribute(value: string): string {
  return text(value)
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
