import { link, lstat, mkdir, open, symlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { inputError, StackhookError } from '../../errors/stackhook-error.js';
import { BlockReader } from './block-reader.js';
import { withExtendedHeader, type NextEntry } from './tar-extended-header.js';
import { parseTarHeader, type TarHeader } from './tar-header.js';

export interface TarballLimits {
  /** Unpacked bytes, all entries together. */
  maxBytes: number;
  maxEntries: number;
}

export const DEFAULT_TARBALL_LIMITS: TarballLimits = { maxBytes: 4 * 1024 ** 3, maxEntries: 200_000 };
const PIECE = 1024 * 1024;

/**
 * A component tarball (gzip-compressed tar) read entry by entry, and unpacked into `target` when given (else
 * only checked). Only files, folders and links that stay inside: no absolute name, no `..`, no device or FIFO,
 * no symlink whose target leaves the tree, no hard link but to an earlier file of it, nothing written through
 * a link (parents are folders this made), no entry twice, setuid bits dropped, sizes and counts limited.
 * Problems are 400s naming `subject`.
 */
export async function unpackComponentTarball(
  source: Readable,
  subject: string,
  limits: TarballLimits,
  target?: string,
): Promise<{ entries: number; bytes: number }> {
  const gunzip = createGunzip();
  source.on('error', (error) => gunzip.destroy(error));
  const reader = new BlockReader(source.pipe(gunzip));
  /** Folders, and everything else the tarball holds (links included), by path. */
  const made = new Set<string>(['']);
  const others = new Set<string>();
  const files = new Set<string>();
  let entries = 0;
  let bytes = 0;
  let next: NextEntry = {};
  const refuse = (why: string) => inputError(`${subject}: the component tarball ${why}`, subject);
  try {
    for (;;) {
      const block = await reader.read(512);
      const header = block && parseTarHeader(block);
      if (!header) break;
      // A pax size is the next entry's; an extended header's own is its header's.
      const extended = 'xgLK'.includes(header.type);
      const size = extended ? header.size : (next.size ?? header.size);
      if ((bytes += size) > limits.maxBytes) throw refuse(`unpacks to over ${limits.maxBytes} bytes`);
      if ((entries += 1) > limits.maxEntries) throw refuse(`holds over ${limits.maxEntries} entries`);
      if (extended) {
        if (size > PIECE) throw refuse('has an extended header over 1 MiB');
        const data = await readData(reader, size);
        next = withExtendedHeader(next, header.type, data, refuse);
        continue;
      }
      const entry: TarHeader = {
        ...header,
        name: next.path ?? header.name,
        linkname: next.linkpath ?? header.linkname,
        size,
      };
      next = {};
      const name = entryPath(entry.name, refuse);
      if (!'0125'.includes(entry.type))
        throw refuse(`holds ${entry.name}, which is no file, folder or link (a device or FIFO)`);
      if (name === '') {
        if (entry.type !== '5') throw refuse('names the top folder as a file');
        await skip(reader, size);
        continue;
      }
      // The same rules checking alone (PUT) as unpacking (an image build): a tarball stored is one that unpacks.
      await parents(target, name, made, others, refuse);
      const known = made.has(name);
      if (others.has(name) || (known && entry.type !== '5')) throw refuse(`holds ${entry.name} twice`);
      if (entry.type === '2') symlinkTarget(name, entry.linkname, refuse);
      if (entry.type === '1' && !files.has(entryPath(entry.linkname, refuse)))
        throw refuse(`links ${entry.name} to what it does not hold before`);
      if (entry.type === '5') made.add(name);
      else others.add(name);
      if (!target) {
        if (entry.type === '0') files.add(name);
        await skip(reader, size);
        continue;
      }
      const file = path.join(target, name);
      if (entry.type === '5') {
        if (!known)
          await mkdir(file, { mode: 0o755 }).catch(() => {
            throw refuse(`holds ${entry.name} twice`);
          });
      } else if (entry.type === '2') {
        await symlink(symlinkTarget(name, entry.linkname, refuse), file).catch(() => {
          throw refuse(`holds ${entry.name} twice`);
        });
      } else if (entry.type === '1') {
        const from = entryPath(entry.linkname, refuse);
        await link(path.join(target, from), file).catch(() => {
          throw refuse(`holds ${entry.name} twice`);
        });
      } else {
        await writeEntry(reader, file, size, entry.mode & 0o755, () => refuse(`holds ${entry.name} twice`));
        files.add(name);
      }
      if (entry.type !== '0') await skip(reader, size);
    }
    return { entries, bytes };
  } catch (error) {
    // zlib's and the reader's own errors (not necessarily of this realm's Error): the bytes are no tarball.
    if (error instanceof StackhookError) throw error;
    throw refuse(
      `is not a gzip-compressed tar file (${(error as { message?: string }).message ?? String(error)})`,
    );
  } finally {
    source.destroy();
  }
}

/** The entry's path inside the tree (`./` dropped); absolute or `..` is refused. */
function entryPath(name: string, refuse: (why: string) => Error): string {
  if (name.startsWith('/') || name.split('/').includes('..') || name.includes('\0'))
    throw refuse(`holds ${name}, outside its own tree`);
  return path.posix
    .normalize(name)
    .replace(/^(\.\/?)+/, '')
    .replace(/\/$/, '')
    .replace(/^\.$/, '');
}

function symlinkTarget(name: string, target: string, refuse: (why: string) => Error): string {
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(name), target));
  // `..` only leading: through a link made before, `a/..` could climb from wherever that link points.
  const segments = target.split('/').filter((segment) => segment && segment !== '.');
  const climbs = segments.findIndex((segment) => segment !== '..');
  const climbsLater = climbs !== -1 && segments.slice(climbs).includes('..');
  if (!target || target.startsWith('/') || resolved === '..' || resolved.startsWith('../') || climbsLater)
    throw refuse(`links ${name} out of its own tree (${target})`);
  return target;
}

/**
 * Every parent of `name` is a folder of the tarball (made now, in `target` if given, when missing): nothing goes
 * through a link or a file.
 */
async function parents(
  target: string | undefined,
  name: string,
  made: Set<string>,
  others: ReadonlySet<string>,
  refuse: (why: string) => Error,
) {
  const parts = name.split('/').slice(0, -1);
  for (let index = 1; index <= parts.length; index += 1) {
    const parent = parts.slice(0, index).join('/');
    if (made.has(parent)) continue;
    const through = () => refuse(`writes ${name} through ${parent}, which is no folder it made`);
    if (others.has(parent)) throw through();
    if (target) {
      if (await lstat(path.join(target, parent)).catch(() => undefined)) throw through();
      await mkdir(path.join(target, parent), { mode: 0o755 });
    }
    made.add(parent);
  }
}

async function writeEntry(reader: BlockReader, file: string, size: number, mode: number, twice: () => Error) {
  // `wx`: never through or over anything already there.
  const handle = await open(file, 'wx', mode).catch(() => {
    throw twice();
  });
  try {
    for (let left = size; left > 0; left -= PIECE) {
      const piece = await reader.read(Math.min(left, PIECE));
      if (!piece) throw new Error('it ends inside a file');
      await handle.write(piece);
    }
    await reader.read((512 - (size % 512)) % 512);
  } finally {
    await handle.close();
  }
}

async function readData(reader: BlockReader, size: number): Promise<Buffer> {
  const data = await reader.read(size);
  if (!data) throw new Error('it ends inside an entry');
  await reader.read((512 - (size % 512)) % 512);
  return data;
}

async function skip(reader: BlockReader, size: number) {
  for (let left = size; left > 0; left -= PIECE)
    if (!(await reader.read(Math.min(left, PIECE)))) throw new Error('it ends inside an entry');
  await reader.read((512 - (size % 512)) % 512);
}
