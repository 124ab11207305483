import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { removeOldManifests } from './retention.js';

async function wikiWith(manifests: [string, string][]): Promise<string> {
  const wiki = await mkdtemp(path.join(os.tmpdir(), 'stackhook-retention-'));
  for (const [relative, timestamp] of manifests) {
    await mkdir(path.dirname(path.join(wiki, relative)), { recursive: true });
    await writeFile(
      path.join(wiki, relative),
      `# Build manifest\n\n## Build Info\n\n- Build timestamp: ${timestamp}\n`,
    );
  }
  return wiki;
}

async function remaining(wiki: string): Promise<string[]> {
  const names = await readdir(path.join(wiki, 'manifests'), { recursive: true });
  return names.filter((name) => name.endsWith('.md')).sort();
}

const manifests: [string, string][] = [
  ['manifests/2025/2025-03/x86_64-default-a-000000000003.md', '2025-03-02T00:00:00Z'],
  ['manifests/2025/2025-03/x86_64-default-b-000000000002.md', '2025-03-01T00:00:00Z'],
  ['manifests/2024/2024-12/x86_64-default-a-000000000001.md', '2024-12-31T23:59:59Z'],
  // Same timestamp: the path decides, as in docker-stacks' sort of (timestamp, path) tuples.
  ['manifests/2024/2024-12/aarch64-default-a-000000000001.md', '2024-12-31T23:59:59Z'],
];

describe('removeOldManifests', () => {
  it.each<[number, string[]]>([
    [10, []],
    [4, []],
    [3, ['manifests/2024/2024-12/aarch64-default-a-000000000001.md']],
    [
      1,
      [
        'manifests/2025/2025-03/x86_64-default-b-000000000002.md',
        'manifests/2024/2024-12/x86_64-default-a-000000000001.md',
        'manifests/2024/2024-12/aarch64-default-a-000000000001.md',
      ],
    ],
    [0, manifests.map(([relative]) => relative)],
  ])('keeps the %i newest', async (keep, removed) => {
    const wiki = await wikiWith(manifests);
    expect(await removeOldManifests(wiki, keep)).toEqual(removed);
    const kept = manifests.map(([relative]) => relative).filter((relative) => !removed.includes(relative));
    expect(await remaining(wiki)).toEqual(kept.map((relative) => relative.slice('manifests/'.length)).sort());
  });

  it('does nothing in a wiki without manifests', async () => {
    await expect(removeOldManifests(await wikiWith([]), 3)).resolves.toEqual([]);
  });

  it('names a wiki manifest that has no timestamp', async () => {
    const wiki = await wikiWith(manifests);
    await writeFile(path.join(wiki, 'manifests/2025/2025-03/broken.md'), '# no build info\n');
    await expect(removeOldManifests(wiki, 3)).rejects.toThrow(
      'wiki manifests/2025/2025-03/broken.md: build manifest has no "Build timestamp',
    );
  });
});
