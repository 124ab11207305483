import { readFile } from 'node:fs/promises';
import type { BuildRecord, BuiltImage } from '../pipeline/build-record.js';

/**
 * The record an earlier run wrote for this very image (same image ID, same input digest), so an unchanged image
 * is not probed again; undefined when there is none or it describes another build.
 */
export async function reusableRecord(
  recordFile: string,
  built: BuiltImage,
): Promise<BuildRecord | undefined> {
  const text = await readFile(recordFile, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const record = JSON.parse(text) as BuildRecord;
    const same =
      record.schema === 'stackhook.build-record/v1' &&
      record.built?.imageId === built.imageId &&
      record.built?.inputDigest === built.inputDigest &&
      Array.isArray(record.packages);
    return same ? record : undefined;
  } catch {
    return undefined;
  }
}
