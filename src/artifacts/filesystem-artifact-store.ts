import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { artifactKey } from './artifact-key.js';
import type { ArtifactBody, ArtifactStore, StoredArtifact } from './artifact-store.js';
import { md5Of } from './md5-of.js';
import { Md5Meter } from './md5-meter.js';
import { withoutPaths } from './without-paths.js';
import { notFoundError } from '../errors/not-found-error.js';
import { pathExists } from '../fs/path-exists.js';

const META = '.meta';

/**
 * Artifacts as files under a folder (the default: `.stackhook/artifacts`). Each object's checksums sit beside
 * it in `.meta/<key>.json`; an object is written under a temporary name and renamed, so a reader never sees
 * half of one.
 */
export class FilesystemArtifactStore implements ArtifactStore {
  constructor(private readonly root: string) {}

  get location(): string {
    return this.root;
  }

  async put(
    key: string,
    body: ArtifactBody,
    contentType = 'application/octet-stream',
  ): Promise<StoredArtifact> {
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    // A name no other writer has, even in this process in the same millisecond.
    const temporary = `${file}.${randomUUID()}.partial`;
    try {
      const { md5, size } = await writeTemporary(temporary, body);
      const stored = { key, size, md5, etag: md5, contentType };
      await this.writeMeta(key, stored);
      await rename(temporary, file);
      return stored;
    } catch (error) {
      await rm(temporary, { force: true });
      throw withoutPaths(key, error);
    }
  }

  async head(key: string): Promise<StoredArtifact | undefined> {
    const text = await readFile(this.metaFile(key), 'utf8').catch(() => undefined);
    return text && (await pathExists(this.file(key))) ? (JSON.parse(text) as StoredArtifact) : undefined;
  }

  async get(key: string): Promise<Readable> {
    if (!(await this.head(key))) throw notFoundError(`artifact ${key}`, { subject: this.root });
    return createReadStream(this.file(key));
  }

  async move(from: string, to: string): Promise<StoredArtifact> {
    const stored = await this.head(from);
    if (!stored) throw notFoundError(`artifact ${from}`, { subject: this.root });
    await mkdir(path.dirname(this.file(to)), { recursive: true });
    const moved = { ...stored, key: to };
    await this.writeMeta(to, moved);
    await rename(this.file(from), this.file(to));
    await rm(this.metaFile(from), { force: true });
    return moved;
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
    await rm(this.metaFile(key), { force: true });
  }

  async list(prefix: string): Promise<string[]> {
    const found: string[] = [];
    const walk = async (dir: string, relative: string): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        if (relative === '' && entry.name === META) continue;
        const key = relative ? `${relative}/${entry.name}` : entry.name;
        if (entry.isDirectory()) await walk(path.join(dir, entry.name), key);
        else if (!entry.name.endsWith('.partial') && key.startsWith(prefix)) found.push(key);
      }
    };
    await walk(this.root, '');
    return found.sort();
  }

  async presignedUrl(): Promise<undefined> {
    return undefined;
  }

  private file(key: string): string {
    return path.join(this.root, artifactKey(key));
  }

  private metaFile(key: string): string {
    return path.join(this.root, META, `${artifactKey(key)}.json`);
  }

  private async writeMeta(key: string, stored: StoredArtifact): Promise<void> {
    await mkdir(path.dirname(this.metaFile(key)), { recursive: true });
    await writeFile(this.metaFile(key), JSON.stringify(stored));
  }
}

/** Writes a body to `file`, and says what was written. */
async function writeTemporary(file: string, body: ArtifactBody): Promise<{ md5: string; size: number }> {
  if ('stream' in body) {
    const meter = new Md5Meter(body.limit);
    const out = createWriteStream(file);
    try {
      await pipeline(body.stream, meter, out);
    } catch (error) {
      // A stream that fails before the file is open still opens (creates) it, then closes: wait for that, so
      // the caller's clean-up finds the file (an early-failing upload left its .partial behind).
      if (!out.closed) await once(out, 'close');
      throw error;
    }
    return { md5: meter.md5(), size: meter.passed };
  }
  if ('bytes' in body) await writeFile(file, body.bytes);
  else await copyFile(body.file, file);
  return md5Of({ file });
}
