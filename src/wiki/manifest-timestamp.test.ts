import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StackhookError } from '../errors/stackhook-error.js';
import { parseManifestTimestamp, readManifestTimestamp } from './manifest-timestamp.js';

describe('parseManifestTimestamp', () => {
  it.each<[string, string]>([
    [
      '# Build manifest\n\n## Build Info\n\n- Build timestamp: 2025-03-14T08:00:00Z\n',
      '2025-03-14T08:00:00Z',
    ],
    ['- Build timestamp: 1999-12-31T23:59:59Z', '1999-12-31T23:59:59Z'],
    [
      '- Build timestamp: 2025-01-01T00:00:00Z\n- Build timestamp: 2026-01-01T00:00:00Z\n',
      '2025-01-01T00:00:00Z',
    ],
  ])('reads the first timestamp of %j', (content, timestamp) => {
    expect(parseManifestTimestamp(content, 'm.md')).toBe(timestamp);
  });

  it.each([
    ['no timestamp line', '# Build manifest\n\n## Build Info\n'],
    ['a date without time', '- Build timestamp: 2025-03-14\n'],
    ['no Z', '- Build timestamp: 2025-03-14T08:00:00\n'],
    ['milliseconds', '- Build timestamp: 2025-03-14T08:00:00.123Z\n'],
    ['the old "Build datetime"', '- Build datetime: 2025-03-14T08:00:00Z\n'],
  ])('rejects %s, naming the file (exit 2)', (_label, content) => {
    const error = (() => {
      try {
        parseManifestTimestamp(content, 'out/manifests/x.md');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(StackhookError);
    expect((error as StackhookError).exitCode).toBe(2);
    expect((error as StackhookError).message).toMatch(
      /^out\/manifests\/x\.md: build manifest has no "Build timestamp/,
    );
  });
});

describe('readManifestTimestamp', () => {
  it.each<[string, string]>([
    ['near the top', `- Build timestamp: 2025-03-14T08:00:00Z\n${'x'.repeat(100_000)}`],
    [
      'beyond the head that is read first',
      `${'x\n'.repeat(20_000)}- Build timestamp: 2025-03-14T08:00:00Z\n`,
    ],
  ])('finds the timestamp %s', async (_label, content) => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'stackhook-ts-')), 'm.md');
    await writeFile(file, content);
    await expect(readManifestTimestamp(file)).resolves.toBe('2025-03-14T08:00:00Z');
  });
});
