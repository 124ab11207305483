import { createHash } from 'node:crypto';
import type { ImageTest } from './image-test.js';

/**
 * A test's name with a digest of its whole definition (argv, expected exit, stdout pattern), so a record that
 * passed a test of the same name but another command is not taken as tested.
 */
export function testFingerprint(test: Pick<ImageTest, 'name' | 'definition'>): string {
  const digest = createHash('sha256').update(JSON.stringify(test.definition)).digest('hex').slice(0, 16);
  return `${test.name}@${digest}`;
}
