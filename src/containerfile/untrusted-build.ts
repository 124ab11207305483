import { lstat, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inputError } from '../errors/stackhook-error.js';
import { checkContainerfile } from './check-containerfile.js';
import type { ImageAllowList } from './image-allow-list.js';

/** The files buildah reads from a build context on the service machine itself, following links. */
const IGNORE_FILES = ['.containerignore', '.dockerignore'];
/** An ignore file is a list of patterns: more than this is no ignore file (buildah reads it whole). */
const IGNORE_FILE_LIMIT = 1024 * 1024;

/**
 * Refuses a build context from a client whose ignore files are not small regular files: buildah reads them on
 * the service machine, following links, so a link to a host file leaks it into the build log, one to /dev/zero
 * eats the machine's memory, and a FIFO hangs the build.
 */
export async function checkBuildContext(contextDir: string, subject: string): Promise<void> {
  for (const name of IGNORE_FILES) {
    const stat = await lstat(path.join(contextDir, name)).catch(() => undefined);
    if (!stat) continue;
    if (!stat.isFile())
      throw inputError(
        `${name} in the build context is not a regular file (a link, device or FIFO)`,
        subject,
      );
    if (stat.size > IGNORE_FILE_LIMIT)
      throw inputError(`${name} in the build context is over ${IGNORE_FILE_LIMIT} bytes`, subject);
  }
}

/**
 * Readies a build of a client's Containerfile: it must be UTF-8 (buildah reads bytes, so a lone 0xA0, which a
 * lenient decoder makes U+FFFD, is a space to buildah: `RUN \xa0--mount` passed the check), pass the
 * Containerfile policy, and come with a context that passes checkBuildContext. Exactly the checked text is
 * written to `target`, the service's own path outside the context, which podman then builds. Returns the images
 * the Containerfile names.
 */
export async function prepareUntrustedBuild(options: {
  containerfile: string;
  contextDir: string;
  target: string;
  /** Names the file in errors (`recipe <id> Containerfile`). */
  subject: string;
  images: ImageAllowList;
}): Promise<{ images: string[] }> {
  const { subject } = options;
  const text = decodeUtf8(await readFile(options.containerfile), subject);
  const { images } = checkContainerfile(text, subject, options.images);
  await checkBuildContext(options.contextDir, subject);
  // `wx`: never follows or overwrites anything found at the target.
  await writeFile(options.target, text, { flag: 'wx' });
  return { images };
}

function decodeUtf8(bytes: Buffer, subject: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw inputError('not UTF-8 text', subject);
  }
}
