import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Package } from './package.js';
import type { PreviousBuild } from './previous-build.js';

/** The previous build of an image from its BuildRecord in the out folder (written by the last `hook`). */
export async function previousFromRecord(recordFile: string): Promise<PreviousBuild | string> {
  const text = await readFile(recordFile, 'utf8').catch(() => undefined);
  if (text === undefined) return `no record ${recordFile}`;
  let record: { buildTimestamp?: string; git?: { sha?: string }; tags?: string[]; packages?: Package[] };
  try {
    record = JSON.parse(text) as typeof record;
  } catch {
    return `record ${recordFile} is not JSON`;
  }
  if (!Array.isArray(record.packages)) return `record ${recordFile} has no package list (older stackhook)`;
  return {
    foundIn: 'out folder',
    // Its commit tag (<image>:<prefix>-<sha12>) names it for a reader of the manifest; a local path would not.
    reference: record.tags?.[1] ?? path.basename(recordFile),
    buildTimestamp: record.buildTimestamp,
    gitSha: record.git?.sha,
    packages: record.packages,
  };
}
