import { readFile } from 'node:fs/promises';
import type { Package } from './package.js';
import type { PreviousBuild } from './previous-build.js';

/** The previous build of an image from its BuildRecord in the out folder (written by the last `hook`). */
export async function previousFromRecord(recordFile: string): Promise<PreviousBuild | string> {
  const text = await readFile(recordFile, 'utf8').catch(() => undefined);
  if (text === undefined) return `no record ${recordFile}`;
  let record: { buildTimestamp?: string; git?: { sha?: string }; packages?: Package[] };
  try {
    record = JSON.parse(text) as typeof record;
  } catch {
    return `record ${recordFile} is not JSON`;
  }
  if (!Array.isArray(record.packages)) return `record ${recordFile} has no package list (older stackhook)`;
  return {
    foundIn: 'out folder',
    reference: recordFile,
    buildTimestamp: record.buildTimestamp,
    gitSha: record.git?.sha,
    packages: record.packages,
  };
}
