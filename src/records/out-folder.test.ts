import { mkdtemp, readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BuildRecord } from './build-record.js';
import { OutFolder } from './out-folder.js';
import type { PushedImage } from './pushed-image.js';

const build = { image: 'base-notebook', platform: 'x86_64', variant: 'default' } as const;

const record = (files: BuildRecord['files']): BuildRecord => ({
  schema: 'stackhook.build-record/v1',
  image: 'base-notebook',
  platform: 'x86_64',
  variant: 'default',
  tagPrefix: 'x86_64',
  fullImage: 'quay.io/jupyter/base-notebook',
  buildTimestamp: '2026-12-02T03:00:00Z',
  git: { sha: 'a'.repeat(40), message: 'a commit' },
  built: {
    image: 'base-notebook',
    platform: 'x86_64',
    variant: 'default',
    reference: 'quay.io/jupyter/base-notebook:x86_64-latest',
    imageId: 'b'.repeat(64),
    inputDigest: `sha256:${'c'.repeat(64)}`,
    parentImageId: undefined,
    reused: false,
    base: undefined,
    durationMs: 12,
  },
  probe: {
    tags: [{ tagger: 'date', raw: '2026-12-02', value: '2026-12-02' }],
    skipped: [],
    sections: ['build-info'],
    commandsRun: 3,
    durationMs: 40,
  },
  packages: [{ name: 'bash', version: '5.2-1', source: 'apt', architecture: 'amd64' }],
  changes: { previous: undefined, changes: undefined },
  tags: ['quay.io/jupyter/base-notebook:x86_64-latest', 'quay.io/jupyter/base-notebook:x86_64-2026-12-02'],
  files,
});

const pushed: PushedImage = {
  image: 'base-notebook',
  platform: 'x86_64',
  variant: 'default',
  digest: `sha256:${'d'.repeat(64)}`,
  references: [
    {
      registry: 'ghcr.io',
      reference: 'ghcr.io/org/base-notebook:x86_64-latest',
      digest: `sha256:${'d'.repeat(64)}`,
      attempts: 1,
    },
  ],
  durationMs: 5,
};

describe('OutFolder', () => {
  it('names every file docker-stacks and stackhook put under --out', () => {
    const out = new OutFolder('/o');
    expect(out.buildFiles(build, 'abcdef012345')).toEqual({
      tags: '/o/tags/x86_64-default-base-notebook.txt',
      manifest: '/o/manifests/x86_64-default-base-notebook-abcdef012345.md',
      history: '/o/history/x86_64-default-base-notebook-abcdef012345.txt',
      record: '/o/records/x86_64-default-base-notebook.json',
      sbom: '/o/sbom/x86_64-default-base-notebook-abcdef012345.cdx.json',
    });
    expect(out.pushedFile({ ...build, variant: 'cuda12', platform: 'aarch64' })).toBe(
      '/o/pushed/aarch64-cuda12-base-notebook.json',
    );
  });

  it('writes a build and its push and reads them back as they were, leaving no temporary file', async () => {
    const out = new OutFolder(await mkdtemp(path.join(os.tmpdir(), 'stackhook-out-')));
    const written = record(out.buildFiles(build, 'abcdef012345'));
    await out.writeBuild(written, {
      tags: written.tags.join('\n'),
      manifest: '# m\n',
      history: '| h |',
      sbom: '{}\n',
    });
    await out.writePushed(pushed);
    expect(await out.readRecord(build)).toEqual(JSON.parse(JSON.stringify(written)));
    expect(await out.readPushed(build)).toEqual(pushed);
    expect(await out.readTags(build)).toEqual(written.tags);
    expect(await readFile(written.files.manifest, 'utf8')).toBe('# m\n');
    for (const kind of ['records', 'pushed', 'tags', 'manifests'])
      expect((await readdir(path.join(out.dir, kind))).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it("writes the tests' JUnit XML with the build, where the record says, and reads the tests back", async () => {
    const out = new OutFolder(await mkdtemp(path.join(os.tmpdir(), 'stackhook-out-')));
    const junit = out.testsFile(build);
    expect(junit).toBe(path.join(out.dir, 'tests', 'x86_64-default-base-notebook.xml'));
    const tests = {
      image: 'base-notebook',
      skipped: false,
      passed: 1,
      failed: 0,
      cases: [
        {
          name: 'imports',
          kind: 'run' as const,
          from: 'base-notebook',
          argv: ['python3', '-c', 'import notebook'],
        },
      ].map((test) => ({ ...test, passed: true, exitCode: 0, durationMs: 80 })),
      junit,
      durationMs: 90,
    };
    const written = { ...record(out.buildFiles(build, 'abcdef012345')), tests };
    const contents = { tags: '', manifest: '# m\n', history: '| h |', sbom: '{}\n' };
    await out.writeBuild(written, { ...contents, junit: '<testsuites/>\n' });
    expect(await readFile(junit, 'utf8')).toBe('<testsuites/>\n');
    expect((await out.readRecord(build)).tests).toEqual(tests);
    // A record without tests (--no-test, or none defined) writes no JUnit file.
    const other = { ...build, image: 'minimal-notebook' };
    await out.writeBuild(record(out.buildFiles(other, 'abcdef012345')), { ...contents, junit: '<x/>' });
    expect(await readdir(path.join(out.dir, 'tests'))).toEqual(['x86_64-default-base-notebook.xml']);
  });

  // [what the file holds, the error it gives]
  it.each<[string, string | undefined, RegExp]>([
    [
      'nothing',
      undefined,
      /records\/x86_64-default-base-notebook\.json: the record of base-notebook is missing/,
    ],
    [
      'not JSON',
      '{"schema": ',
      /x86_64-default-base-notebook\.json: the record of base-notebook is not JSON/,
    ],
    ['another schema', '{"schema": "other"}', /the record of base-notebook is not valid: schema: /],
    [
      'a record without its image ID',
      JSON.stringify({ ...record(new OutFolder('/o').buildFiles(build, 'abc')), built: { image: 'x' } }),
      /the record of base-notebook is not valid: built\.platform: /,
    ],
  ])('refuses a record file holding %s, naming the file and what is wrong', async (_what, content, error) => {
    const out = new OutFolder(await mkdtemp(path.join(os.tmpdir(), 'stackhook-out-')));
    if (content !== undefined) {
      await mkdir(path.dirname(out.recordFile(build)), { recursive: true });
      await writeFile(out.recordFile(build), content);
    }
    await expect(out.readRecord(build)).rejects.toThrow(error);
    expect(await out.findRecord(build)).toMatch(error);
  });
});
