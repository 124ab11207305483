import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { inputError } from '../errors/stackhook-error.js';
import { OutFolder } from '../records/out-folder.js';
import { parseManifestTimestamp } from './manifest-timestamp.js';
import { historyLineYearMonth } from './monthly-page.js';

export interface ManifestInput {
  /** Where it was read (named in errors). */
  source: string;
  fileName: string;
  content: string;
  timestamp: string;
}

export interface HistoryInput {
  source: string;
  line: string;
  yearMonth: string;
}

/** What `stackhook hook` left in the out folder, read and checked before the wiki is touched. */
export interface PublishInputs {
  manifests: ManifestInput[];
  historyLines: HistoryInput[];
}

/** Files ending in `extension` anywhere under `dir` (downloaded CI artifacts land in sub-folders), sorted. */
async function filesUnder(dir: string, extension: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw inputError(`cannot read the folder: ${error.message}`, dir);
  });
  return names
    .filter((name) => name.endsWith(extension))
    .map((name) => path.join(dir, name))
    .sort();
}

export async function readPublishInputs(outDir: string, allowNoFiles: boolean): Promise<PublishInputs> {
  const { manifestsDir, historyDir } = new OutFolder(outDir);
  const manifestFiles = await filesUnder(manifestsDir, '.md');
  const historyFiles = await filesUnder(historyDir, '.txt');
  for (const [files, dir, what] of [
    [manifestFiles, manifestsDir, 'build manifests (*.md)'],
    [historyFiles, historyDir, 'build history lines (*.txt)'],
  ] as const) {
    if (files.length === 0 && !allowNoFiles) {
      throw inputError(
        `no ${what} to publish`,
        dir,
        'run `stackhook hook <image>` first, or pass --allow-no-files',
      );
    }
  }
  const manifests = await Promise.all(
    manifestFiles.map(async (source) => {
      const content = await readFile(source, 'utf8');
      return {
        source,
        fileName: path.basename(source),
        content,
        timestamp: parseManifestTimestamp(content, source),
      };
    }),
  );
  const historyLines = await Promise.all(
    historyFiles.map(async (source) => {
      // docker-stacks writes the line without a newline; tolerate one added by an editor.
      const line = (await readFile(source, 'utf8')).replace(/\r?\n$/, '');
      return { source, line, yearMonth: historyLineYearMonth(line, source) };
    }),
  );
  const seen = new Map<string, ManifestInput>();
  for (const manifest of manifests) {
    const other = seen.get(manifest.fileName);
    if (other && other.content !== manifest.content) {
      throw inputError(`two different manifests have the same name (also ${other.source})`, manifest.source);
    }
    seen.set(manifest.fileName, manifest);
  }
  return { manifests, historyLines };
}
