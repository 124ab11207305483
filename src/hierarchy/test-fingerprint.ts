import { createHash } from 'node:crypto';
import type { ImageTest } from './image-test.js';

/**
 * A test's name with a digest of its whole definition (argv, expected exit, stdout pattern) and, for a host-side
 * suite, of the files it reads (testSuiteDigest), so a record that passed a test of the same name but another
 * command or other test files is not taken as tested.
 */
export function testFingerprint(test: Pick<ImageTest, 'name' | 'definition'>, suiteDigest?: string): string {
  const hash = createHash('sha256').update(JSON.stringify(test.definition));
  if (test.definition.host !== undefined && suiteDigest !== undefined) hash.update(`\0${suiteDigest}`);
  return `${test.name}@${hash.digest('hex').slice(0, 16)}`;
}
