import fs from 'node:fs';
import path from 'node:path';
import { nameResolutionFailed } from './name-resolution-failed.js';

// Captured from kiwi-ng 9.24 jobs (the kiwi image's): one a DNS outage broke, two the recipe broke.
const captured = (name: string) =>
  fs.readFileSync(path.join('test/fixtures/kiwi-output', `${name}.txt`), 'utf8');

describe('nameResolutionFailed', () => {
  it.each([
    ['dns-failure', true],
    ['package-not-found', false],
    ['no-debootstrap-script', false],
  ])('%s: %s', (name, failed) => {
    expect(nameResolutionFailed(captured(name))).toBe(failed);
  });

  it.each([
    [
      "Err:1 http://deb.debian.org/debian bookworm InRelease\n  Temporary failure resolving 'deb.debian.org'",
      true,
    ],
    ['curl: (6) Could not resolve host: updates.suse.com', true],
    ['E: Unable to locate package nosuch', false],
  ])('%j: %s', (printed, failed) => {
    expect(nameResolutionFailed(printed)).toBe(failed);
  });
});
