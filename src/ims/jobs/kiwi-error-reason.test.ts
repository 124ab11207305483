import fs from 'node:fs';
import path from 'node:path';
import { kiwiErrorReason } from './kiwi-error-reason.js';

// Captured from kiwi-ng 9.24 (the kiwi image's) run on small descriptions.
const captured = (name: string) =>
  fs.readFileSync(path.join('test/fixtures/kiwi-output', `${name}.txt`), 'utf8');

describe('kiwiErrorReason', () => {
  it.each([
    [
      'package-not-found',
      'KiwiInstallPhaseFailed: System package installation failed: E: Unable to locate package stackhook-no-such-package',
    ],
    [
      'no-debootstrap-script',
      'KiwiDebootstrapError: debootstrap script for nosuchsuite distribution not found',
    ],
  ])('reads the reason of %s', (name, reason) => {
    expect(kiwiErrorReason(captured(name))).toBe(reason);
  });

  it('has none without an ERROR record, and cuts a long one', () => {
    expect(kiwiErrorReason('[ INFO    ]: 13:23:04 | Cleaning up\n')).toBeUndefined();
    const long = kiwiErrorReason(`[ ERROR   ]: 13:23:04 | KiwiError: ${'x'.repeat(600)}\n`)!;
    expect(long).toHaveLength(501);
    expect(long.endsWith('…')).toBe(true);
  });
});
