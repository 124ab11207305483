import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import * as dockerignoreModule from '@balena/dockerignore';

export interface DigestInputs {
  contextDir: string;
  dockerfile: string;
  buildArgs: Readonly<Record<string, string>>;
  platform: string;
  /** The parent's (or base's) image ID: a rebuilt parent changes every child's digest. */
  parentImageId: string | undefined;
}

/**
 * A digest of everything a build depends on: the Dockerfile, every context file that .containerignore or
 * .dockerignore lets through (path, mode, content), build args, platform and the parent image.
 */
export async function inputDigest(inputs: DigestInputs): Promise<string> {
  const hash = createHash('sha256');
  const feed = (label: string, value: string | Buffer): void => {
    hash.update(`${label}\0${Buffer.byteLength(value)}\0`);
    hash.update(value);
  };
  feed('dockerfile', await readFile(inputs.dockerfile));
  for (const file of await contextFiles(inputs.contextDir)) {
    const absolute = path.join(inputs.contextDir, file);
    const info = await stat(absolute);
    feed('file', `${file}\0${(info.mode & 0o777).toString(8)}`);
    feed('content', await readFile(absolute));
  }
  for (const key of Object.keys(inputs.buildArgs).sort()) feed('arg', `${key}=${inputs.buildArgs[key]}`);
  feed('platform', inputs.platform);
  feed('parent', inputs.parentImageId ?? '');
  return `sha256:${hash.digest('hex')}`;
}

/** Context files, relative and sorted, minus those the ignore file excludes. */
export async function contextFiles(contextDir: string): Promise<string[]> {
  // CommonJS module whose types declare no default export.
  const dockerignore = ((dockerignoreModule as unknown as { default?: unknown }).default ??
    dockerignoreModule) as (options?: { ignorecase?: boolean }) => dockerignoreModule.Ignore;
  const ignore = dockerignore({ ignorecase: false });
  for (const name of ['.containerignore', '.dockerignore']) {
    const text = await readFile(path.join(contextDir, name), 'utf8').catch(() => undefined);
    if (text !== undefined) {
      ignore.add(text.split('\n'));
      break;
    }
  }
  const entries = await readdir(contextDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() || entry.isSymbolicLink())
    .map((entry) => path.relative(contextDir, path.join(entry.parentPath, entry.name)))
    .filter((file) => !ignore.ignores(file))
    .sort();
}
