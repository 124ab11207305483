import { readFile } from 'node:fs/promises';
import type { BuildRecord, BuiltImage } from '../pipeline/build-record.js';

/** What the hierarchy says now about an image's names and probes; a record made under other settings is stale. */
export interface RecordExpectations {
  fullImage: string;
  taggers: readonly string[];
  manifests: readonly string[];
}

/**
 * The record an earlier run wrote for this very image (same image ID, same input digest) under the same tag
 * names, taggers and manifest pieces, so an unchanged image is not probed again; undefined when there is none
 * or it describes another build. (A plugin's code changing is not seen: `hook` the image to refresh it.)
 */
export async function reusableRecord(
  recordFile: string,
  built: BuiltImage,
  expected: RecordExpectations,
): Promise<BuildRecord | undefined> {
  const text = await readFile(recordFile, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const record = JSON.parse(text) as BuildRecord;
    const same =
      record.schema === 'stackhook.build-record/v1' &&
      record.built?.imageId === built.imageId &&
      record.built?.inputDigest === built.inputDigest &&
      Array.isArray(record.packages) &&
      record.fullImage === expected.fullImage &&
      sameSet(
        [
          ...record.probe.tags.map((tag) => tag.tagger),
          ...(record.probe.skipped ?? []).filter((s) => s.kind === 'tagger').map((s) => s.name),
        ],
        expected.taggers,
      ) &&
      sameSet(
        [
          ...record.probe.sections,
          ...(record.probe.skipped ?? []).filter((s) => s.kind === 'manifest').map((s) => s.name),
        ],
        ['build-info', ...expected.manifests],
      );
    return same ? record : undefined;
  } catch {
    return undefined;
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  return left.size === new Set(b).size && b.every((item) => left.has(item));
}
