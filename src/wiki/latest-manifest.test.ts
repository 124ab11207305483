import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { latestManifest } from './latest-manifest.js';

const manifest = (timestamp: string): string =>
  `# Build manifest\n\n## Build Info\n\n- Build timestamp: ${timestamp}\n`;

let wiki: string;
beforeAll(async () => {
  wiki = await mkdtemp(path.join(os.tmpdir(), 'stackhook-latest-'));
  const files: [string, string][] = [
    ['2024/2024-12/x86_64-default-base-aaaaaaaaaaaa.md', '2024-12-01T00:00:00Z'],
    ['2025/2025-01/x86_64-default-base-bbbbbbbbbbbb.md', '2025-01-05T00:00:00Z'],
    // Same month: the timestamp decides, not the name.
    ['2025/2025-01/x86_64-default-base-000000000000.md', '2025-01-20T00:00:00Z'],
    ['2025/2025-02/x86_64-default-base-notebook-cccccccccccc.md', '2025-02-01T00:00:00Z'],
    ['2025/2025-02/aarch64-default-base-dddddddddddd.md', '2025-02-01T00:00:00Z'],
    ['2025/2025-03/x86_64-cuda-base-eeeeeeeeeeee.md', '2025-03-01T00:00:00Z'],
  ];
  for (const [relative, timestamp] of files) {
    const file = path.join(wiki, 'manifests', relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, manifest(timestamp));
  }
});

describe('latestManifest', () => {
  it.each<[string, string, string | undefined]>([
    ['x86_64-default', 'base', '2025/2025-01/x86_64-default-base-000000000000.md'],
    ['x86_64-default', 'base-notebook', '2025/2025-02/x86_64-default-base-notebook-cccccccccccc.md'],
    ['aarch64-default', 'base', '2025/2025-02/aarch64-default-base-dddddddddddd.md'],
    ['x86_64-cuda', 'base', '2025/2025-03/x86_64-cuda-base-eeeeeeeeeeee.md'],
    ['x86_64-default', 'other', undefined],
    ['x86_64-default', 'bas', undefined],
  ])('%s %s', async (filePrefix, image, expected) => {
    const latest = await latestManifest(wiki, { filePrefix, image });
    if (expected === undefined) return expect(latest).toBeUndefined();
    const file = path.join(wiki, 'manifests', expected);
    expect(latest?.path).toBe(file);
    expect(latest?.content).toBe(manifest(latest!.timestamp));
    expect(latest?.timestamp.startsWith(expected.slice(5, 12))).toBe(true);
  });

  it('is undefined for a wiki without manifests', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'stackhook-latest-'));
    await expect(
      latestManifest(empty, { filePrefix: 'x86_64-default', image: 'base' }),
    ).resolves.toBeUndefined();
  });
});
