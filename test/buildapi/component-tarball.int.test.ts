import { createReadStream } from 'node:fs';
import { link, mkdir, mkdtemp, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { unpackComponentTarball } from '../../src/buildapi/shared/unpack-component-tarball.js';
import { FIXTURES } from '../support/fixture-repo.js';

// stackhook's tar reader against what real GNU tar writes, in each of its formats: long names, links, modes.
const LIMITS = { maxBytes: 64 * 1024 * 1024, maxEntries: 1000 };
const HOSTILE = path.join(FIXTURES, 'tarballs', 'hostile_tarballs.py');
const LONG = `${'deep/'.repeat(30)}${'n'.repeat(120)}.txt`;
let dir: string;
let tree: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-tarball-'));
  tree = path.join(dir, 'tree');
  await mkdir(path.join(tree, path.dirname(LONG)), { recursive: true });
  await writeFile(path.join(tree, LONG), 'long\n');
  await mkdir(path.join(tree, 'bin'));
  await writeFile(path.join(tree, 'bin', 'tool'), '#!/bin/sh\necho tool\n', { mode: 0o4755 });
  await symlink('bin/tool', path.join(tree, 'tool-link'));
  await link(path.join(tree, 'bin', 'tool'), path.join(tree, 'tool-hard'));
  await writeFile(path.join(tree, 'big'), Buffer.alloc(3 * 1024 * 1024 + 17, 7));
});

describe('unpackComponentTarball', () => {
  it.each(['gnu', 'pax', 'posix', 'oldgnu'])('unpacks what GNU tar writes as --format=%s', async (format) => {
    const file = path.join(dir, `${format}.tar.gz`);
    await execa('tar', [`--format=${format}`, '-czf', file, '-C', tree, '.']);
    const target = await mkdtemp(path.join(dir, `${format}-`));
    const { entries } = await unpackComponentTarball(createReadStream(file), 'tarball', LIMITS, target);
    expect(entries).toBeGreaterThanOrEqual(36);
    expect(await readFile(path.join(target, LONG), 'utf8')).toBe('long\n');
    expect(await readlink(path.join(target, 'tool-link'))).toBe('bin/tool');
    expect(await readFile(path.join(target, 'tool-hard'), 'utf8')).toBe('#!/bin/sh\necho tool\n');
    // setuid dropped, the rest of the mode kept.
    expect((await stat(path.join(target, 'bin', 'tool'))).mode & 0o7777).toBe(0o755);
    expect((await readFile(path.join(target, 'big'))).equals(Buffer.alloc(3 * 1024 * 1024 + 17, 7))).toBe(
      true,
    );
  });

  it('checks without writing when given no target', async () => {
    const file = path.join(dir, 'check.tar.gz');
    await execa('tar', ['-czf', file, '-C', tree, 'bin']);
    expect(await unpackComponentTarball(createReadStream(file), 'tarball', LIMITS)).toEqual({
      entries: 2,
      bytes: 20,
    });
  });

  it.each([
    [
      'a FIFO',
      async (work: string) => execa('mkfifo', [path.join(work, 'pipe')]),
      'which is no file, folder or link',
    ],
    ['an entry twice', async (work: string) => writeFile(path.join(work, 'twice'), 'x'), 'holds twice twice'],
    [
      'a link that climbs after a folder (through another link it could leave the tree)',
      async (work: string) => {
        await mkdir(path.join(work, 'q'));
        await symlink('..', path.join(work, 'q', 'r'));
        await symlink('q/r/..', path.join(work, 'p'));
      },
      'links p out of its own tree (q/r/..)',
    ],
    [
      'a write through a link it made',
      async (work: string) => {
        await symlink('.', path.join(work, 'here'));
        await writeFile(path.join(work, 'file'), 'x');
      },
      'writes here/file through here',
    ],
  ])(
    'refuses %s, unpacking or checking alone (what PUT stores, an image build unpacks)',
    async (label, prepare, message) => {
      const work = await mkdtemp(path.join(dir, 'bad-'));
      await prepare(work);
      const file = path.join(dir, `${label.replaceAll(' ', '-')}.tar.gz`);
      const names =
        label === 'an entry twice'
          ? ['twice', 'twice']
          : label.startsWith('a link that climbs')
            ? ['q', 'p']
            : label === 'a write through a link it made'
              ? ['here', 'here/file']
              : ['pipe'];
      await execa('tar', ['-czf', file, '-C', work, ...names]);
      const target = await mkdtemp(path.join(dir, 'target-'));
      await expect(unpackComponentTarball(createReadStream(file), 'tarball', LIMITS, target)).rejects.toThrow(
        message,
      );
      await expect(unpackComponentTarball(createReadStream(file), 'tarball', LIMITS)).rejects.toThrow(
        message,
      );
    },
  );

  // Python's tarfile (ad-build's client unpacks with it, without a filter) names these entries ../escaped, from
  // headers this reader passed over: a global pax path, GNU.sparse.name, a GNU long name beside a pax header
  // (the long name kept, as tarfile keeps it, and refused for its ..; or two names, refused), a ustar prefix
  // without the ustar magic.
  it('refuses extended headers that name an entry otherwise than it reads them', async () => {
    const work = await mkdtemp(path.join(dir, 'hostile-'));
    const run = await execa('python3', [HOSTILE, work]);
    const names = JSON.parse(run.stdout) as Record<string, string[]>;
    expect(Object.keys(names)).toEqual([
      'global-path',
      'sparse-name',
      'long-then-pax',
      'pax-then-long',
      'prefix-without-magic',
    ]);
    const expected: Record<string, string> = {
      'global-path': 'a global extended header that sets path',
      'sparse-name': 'GNU.sparse.name',
      'long-then-pax': 'outside its own tree',
      'pax-then-long': 'names an entry in two extended headers',
      'prefix-without-magic': 'holds ../escaped, outside its own tree',
    };
    for (const [name, read] of Object.entries(names)) {
      expect([name, read[0]!.startsWith('../escaped')]).toEqual([name, true]);
      const file = path.join(work, `${name}.tar.gz`);
      // Unpacking (an image build) and checking alone (PUT) alike.
      for (const into of [await mkdtemp(path.join(dir, 'target-')), undefined]) {
        const refused = await unpackComponentTarball(createReadStream(file), 'tarball', LIMITS, into).then(
          () => 'taken',
          (error: Error) => error.message,
        );
        expect([name, refused]).toEqual([name, expect.stringContaining(expected[name]!)]);
      }
    }
  });

  // GNU tar writes any pax size it is given (and refuses to read it back); a negative one, counted, took
  // bytes off the limit, and the entry's data was read as the next headers: here a tar of a bomb.
  it.each(['-1000000000', '12.5', '1e3', 'x'])('refuses a pax size of %s', async (size) => {
    const work = await mkdtemp(path.join(dir, 'pax-size-'));
    await mkdir(path.join(work, 'inner'));
    await writeFile(path.join(work, 'inner', 'zeros'), Buffer.alloc(2 * 1024 * 1024));
    await execa('tar', [
      '--format=gnu',
      '-cf',
      path.join(work, 'a'),
      '-C',
      path.join(work, 'inner'),
      'zeros',
    ]);
    const file = path.join(work, 'sized.tar.gz');
    await execa('tar', ['--format=pax', `--pax-option=size:=${size}`, '-czf', file, '-C', work, 'a'], {
      reject: false,
    });
    const limits = { maxBytes: 1024 * 1024, maxEntries: 1000 };
    const target = await mkdtemp(path.join(dir, 'target-'));
    for (const into of [target, undefined])
      await expect(unpackComponentTarball(createReadStream(file), 'tarball', limits, into)).rejects.toThrow(
        `the component tarball has an extended header whose size is no count of bytes (${size})`,
      );
  });
});
