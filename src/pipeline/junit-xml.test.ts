import { junitXml, type RanTest } from './junit-xml.js';

const ran = (overrides: Partial<RanTest>): RanTest => ({
  name: 'imports',
  kind: 'run',
  from: 'base-notebook',
  argv: ['python3', '-c', 'import notebook'],
  passed: true,
  exitCode: 0,
  durationMs: 1234,
  stdout: '',
  stderr: '',
  ...overrides,
});

const suite = (tests: RanTest[]) =>
  junitXml({
    image: 'minimal-notebook',
    reference: 'localhost:5000/stackhook/minimal-notebook:x86_64-latest',
    timestamp: new Date('2026-12-04T18:00:00.000Z'),
    durationMs: 2500,
    tests,
  });

describe('junitXml', () => {
  it('counts tests and failures on the suites and names each case after the image that defines it', () => {
    const xml = suite([
      ran({}),
      ran({
        name: 'server',
        kind: 'host',
        from: 'minimal-notebook',
        passed: false,
        exitCode: 1,
        failure: 'exited with code 1, expected 0',
        stderr: 'Traceback\nAssertionError\n',
      }),
    ]);
    expect(xml).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="stackhook" tests="2" failures="1" errors="0" skipped="0" time="2\.500">/,
    );
    expect(xml).toContain(
      '<testsuite name="minimal-notebook" tests="2" failures="1" errors="0" skipped="0" time="2.500" timestamp="2026-12-04T18:00:00">',
    );
    expect(xml).toContain(
      '<property name="reference" value="localhost:5000/stackhook/minimal-notebook:x86_64-latest"/>',
    );
    expect(xml).toContain(
      '<testcase name="imports" classname="base-notebook.run" time="1.234">\n    </testcase>',
    );
    expect(xml).toContain(
      '<failure message="exited with code 1, expected 0" type="exit-code">$ python3 -c import notebook\nTraceback\nAssertionError\n</failure>',
    );
    expect(xml).toContain('<system-err>Traceback\nAssertionError\n</system-err>');
  });

  it('marks a stdout mismatch and escapes what the commands printed', () => {
    const xml = suite([
      ran({ passed: false, failure: 'stdout does not match /^<ok>$/', stdout: 'a < b && "c"\u0007\n' }),
    ]);
    expect(xml).toContain('<failure message="stdout does not match /^&lt;ok&gt;$/" type="stdout">');
    expect(xml).toContain('<system-out>a &lt; b &amp;&amp; "c"\uFFFD\n</system-out>');
    expect(xml).not.toContain('\u0007');
  });
});
