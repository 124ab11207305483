import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';

/**
 * A recipe archive as Cray's kiwi-ng recipes are: the description, its root/ overlay and config.sh at the top,
 * gzipped; `*.sh` files executable.
 */
export async function kiwiRecipeArchive(files: Record<string, string>): Promise<Buffer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-kiwi-recipe-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text, { mode: name.endsWith('.sh') ? 0o755 : 0o644 });
  }
  const archive = `${dir}.tar.gz`;
  await execa('tar', ['--create', '--gzip', '--file', archive, '--directory', dir, '.']);
  return readFile(archive);
}
