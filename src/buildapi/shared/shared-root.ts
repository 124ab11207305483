import { constants } from 'node:fs';
import { lstat, open, readlink, realpath, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { inputError } from '../../errors/stackhook-error.js';

/** Opened without following a last link, without blocking on a FIFO, never becoming a controlling tty. */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY;
/** A folder on the way, never through a link (through /proc/self/fd/<parent>: openat without Node having it). */
const FOLDER_FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;

/**
 * `serve --shared-root <dir>`: the volume the service shares with its clients' build containers (ad-build's
 * registry folder: their tarballs, `dockerfiles/`). The service reads regular files under it and nothing else
 * of its machine: a path is taken absolute (under the root as given or as it resolves) or relative to it,
 * never with `..`; a link out of the root at any level is refused, the resolved path is opened a folder at a time
 * without following links, and the check is made again on the file actually opened (its /proc/self/fd link), so
 * a folder swapped for a link meanwhile opens nothing out of the root.
 */
export class SharedRoot {
  private constructor(
    /** As the operator gave it: what clients' paths and Dockerfiles write. */
    readonly given: string,
    readonly real: string,
  ) {}

  static async open(dir: string, option = '--shared-root'): Promise<SharedRoot> {
    const given = path.resolve(dir);
    const real = await realpath(given).catch(() => '');
    if (!real || !(await stat(real)).isDirectory()) throw inputError(`not a folder: ${dir}`, option);
    return new SharedRoot(given, real);
  }

  /** The regular file `value` names under the root, opened, with its size; anything else is a 400 naming `field`. */
  async openFile(
    value: string,
    field: string,
    maxBytes: number,
  ): Promise<{ handle: FileHandle; size: number }> {
    const refuse = (why: string) => inputError(`${field}: ${why} (${value.slice(0, 200)})`, field);
    if (!value || value.includes('\0') || value.split('/').includes('..'))
      throw refuse('a path under the shared root, without ..');
    const inside = this.lexical(value);
    if (!inside) throw refuse('not under the shared root');
    const resolved = await realpath(path.join(this.real, inside)).catch(() => undefined);
    // One answer for both: a link made on the volume must not tell which files the service machine has.
    if (!resolved?.startsWith(`${this.real}/`))
      throw refuse('no file under the shared root (missing, or a link out of it)');
    const handle = await this.openResolved(resolved.slice(this.real.length + 1), refuse);
    try {
      const opened = await readlink(`/proc/self/fd/${handle.fd}`);
      const stats = await handle.stat();
      if (!opened.startsWith(`${this.real}/`)) throw refuse('a link out of the shared root');
      if (!stats.isFile()) throw refuse('not a regular file (a folder, FIFO or device)');
      if (stats.size > maxBytes) throw refuse(`over ${maxBytes} bytes`);
      return { handle, size: stats.size };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /**
   * `inside` (a path without links, as realpath gave it) opened one folder at a time from the root, none through
   * a link: a folder swapped for a link since realpath fails here rather than opening a file out of the root.
   */
  private async openResolved(inside: string, refuse: (why: string) => Error): Promise<FileHandle> {
    const changed = () => refuse('not a regular file under the shared root (it changed while opened)');
    const segments = inside.split('/');
    let folder = await open(this.real, constants.O_RDONLY | constants.O_DIRECTORY);
    try {
      for (const segment of segments.slice(0, -1)) {
        const next = await open(`/proc/self/fd/${folder.fd}/${segment}`, FOLDER_FLAGS).catch(() => {
          throw changed();
        });
        await folder.close();
        folder = next;
      }
      const last = `/proc/self/fd/${folder.fd}/${segments.at(-1)!}`;
      // Looked at before opening: opening a device can do something by itself.
      const found = await lstat(last).catch(() => {
        throw changed();
      });
      if (!found.isFile()) throw refuse('not a regular file (a folder, FIFO or device)');
      return await open(last, OPEN_FLAGS).catch(() => {
        throw changed();
      });
    } finally {
      await folder.close();
    }
  }

  /** Whether `value` names a path under this root: absolute under it, or relative (to any root). */
  holds(value: string): boolean {
    return !path.isAbsolute(value) || this.lexical(value) !== undefined;
  }

  /** `value` relative to the root when it lies under it (as given or as resolved), else undefined. */
  private lexical(value: string): string | undefined {
    if (!path.isAbsolute(value)) return path.normalize(value);
    const normal = path.normalize(value);
    for (const root of [this.given, this.real])
      if (normal.startsWith(`${root}/`) && normal.length > root.length + 1)
        return normal.slice(root.length + 1);
    return undefined;
  }
}
