import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readPublishInputs } from './publish-inputs.js';

const manifest =
  '# Build manifest for image: base:abc\n\n## Build Info\n\n- Build timestamp: 2025-03-14T08:00:00Z\n';
const line =
  '| `2025-03-14T08:00:00Z` | `r/o/base:x86_64-abc` | [Build manifest](./x86_64-default-base-abc) |';

async function outWith(files: Record<string, string>): Promise<string> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'stackhook-inputs-'));
  for (const [relative, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(out, relative)), { recursive: true });
    await writeFile(path.join(out, relative), content);
  }
  return out;
}

describe('readPublishInputs', () => {
  it('reads manifests and history lines, also from sub-folders, in path order', async () => {
    const out = await outWith({
      'manifests/x86_64-default-base-abc.md': manifest,
      'history/job-2/x86_64-default-child-abc.txt': line.replace('base', 'child'),
      'history/job-1/x86_64-default-base-abc.txt': `${line}\n`,
      'history/notes.md': 'ignored',
    });
    const inputs = await readPublishInputs(out, false);
    expect(inputs.manifests).toEqual([
      {
        source: path.join(out, 'manifests/x86_64-default-base-abc.md'),
        fileName: 'x86_64-default-base-abc.md',
        content: manifest,
        timestamp: '2025-03-14T08:00:00Z',
      },
    ]);
    expect(
      inputs.historyLines.map((history) => [
        path.relative(out, history.source),
        history.line,
        history.yearMonth,
      ]),
    ).toEqual([
      ['history/job-1/x86_64-default-base-abc.txt', line, '2025-03'],
      ['history/job-2/x86_64-default-child-abc.txt', line.replace('base', 'child'), '2025-03'],
    ]);
  });

  it.each<[string, Record<string, string>, boolean, RegExp]>([
    [
      'no manifests',
      { 'history/h.txt': line },
      false,
      /manifests: no build manifests \(\*\.md\) to publish$/,
    ],
    [
      'no history lines',
      { 'manifests/m.md': manifest },
      false,
      /history: no build history lines \(\*\.txt\) to publish$/,
    ],
    [
      'a manifest without timestamp',
      { 'manifests/m.md': '# x\n', 'history/h.txt': line },
      true,
      /manifests\/m\.md: build manifest has no/,
    ],
    [
      'a bad history line',
      { 'manifests/m.md': manifest, 'history/h.txt': 'hello' },
      true,
      /history\/h\.txt: not a build history line/,
    ],
    [
      'two different manifests with one name',
      { 'manifests/a/m.md': manifest, 'manifests/b/m.md': `${manifest}more\n`, 'history/h.txt': line },
      false,
      /manifests\/b\/m\.md: two different manifests have the same name/,
    ],
  ])('rejects %s, naming the file or folder', async (_label, files, allowNoFiles, message) => {
    await expect(readPublishInputs(await outWith(files), allowNoFiles)).rejects.toThrow(message);
  });

  it('accepts an empty out folder with allowNoFiles', async () => {
    await expect(readPublishInputs(await outWith({}), true)).resolves.toEqual({
      manifests: [],
      historyLines: [],
    });
  });
});
