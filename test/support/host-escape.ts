import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * CVE-2024-1753 as a client would try it: a file of this machine holding a fresh nonce, and a two-stage
 * Containerfile whose first stage links `/` (another nonce, so no layer cache hides the step) and whose second
 * binds that link read-write, prints the file to stderr, appends to it and fails (so the output reaches the
 * build's error too). A defended service shows the nonce nowhere and leaves the file as it was. Disposing of
 * it removes the file (`await using`).
 */
export async function hostEscape(base: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-escape-'));
  const file = path.join(dir, 'host-secret');
  const nonce = `host-secret-${randomUUID()}`;
  await writeFile(file, `${nonce}\n`);
  const containerfile = [
    `FROM ${base} AS link`,
    `RUN echo ${randomUUID()} && ln -s / /host-root`,
    `FROM ${base}`,
    `RUN --mount=type=bind,from=link,source=/host-root,target=/h,rw sh -c 'cat /h${file} >&2; echo changed >> /h${file}; exit 1'`,
    '',
  ].join('\n');
  return {
    nonce,
    containerfile,
    /** The line of the RUN --mount. */
    line: 4,
    unchanged: async () => (await readFile(file, 'utf8')) === `${nonce}\n`,
    [Symbol.asyncDispose]: () => rm(dir, { recursive: true, force: true }),
  };
}
