import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes several files so that none is ever seen half-written: everything goes to temporary siblings first,
 * and only when all of them are written are they renamed into place (rename is atomic on one filesystem).
 */
export async function writeFilesAtomically(files: ReadonlyMap<string, string>): Promise<void> {
  const staged: [string, string][] = [];
  try {
    for (const [target, content] of files) {
      await mkdir(path.dirname(target), { recursive: true });
      const temporary = `${target}.tmp-${process.pid}-${staged.length}`;
      staged.push([temporary, target]);
      await writeFile(temporary, content);
    }
    for (const [temporary, target] of staged) await rename(temporary, target);
  } catch (error) {
    await Promise.all(staged.map(([temporary]) => rm(temporary, { force: true })));
    throw error;
  }
}
