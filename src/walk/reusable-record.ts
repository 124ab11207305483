import type { BuildRecord } from '../records/build-record.js';
import type { BuiltImage } from '../records/built-image.js';

/** What the hierarchy says now about an image's names and probes; a record made under other settings is stale. */
export interface RecordExpectations {
  fullImage: string;
  taggers: readonly string[];
  manifests: readonly string[];
  /** The tests the image must have passed, as testFingerprint names them; undefined with --no-test (any record will do). */
  tests: readonly string[] | undefined;
}

/**
 * The record an earlier run wrote (as the out folder read it, validated) for this very image (same image ID, same input digest) under the same tag
 * names, taggers, manifest pieces and tests, so an unchanged image is not probed again; undefined when there is none
 * or it describes another build. (A plugin's code changing is not seen: `hook` the image to refresh it.)
 */
export function reusableRecord(
  found: BuildRecord | string,
  built: BuiltImage,
  expected: RecordExpectations,
): BuildRecord | undefined {
  if (typeof found === 'string') return undefined;
  const record = found;
  const same =
    record.built.imageId === built.imageId &&
    record.built.inputDigest === built.inputDigest &&
    record.fullImage === expected.fullImage &&
    sameSet(
      [
        ...record.probe.tags.map((tag) => tag.tagger),
        ...record.probe.skipped.filter((s) => s.kind === 'tagger').map((s) => s.name),
      ],
      expected.taggers,
    ) &&
    sameSet(
      [
        ...record.probe.sections,
        ...record.probe.skipped.filter((s) => s.kind === 'manifest').map((s) => s.name),
      ],
      ['build-info', ...expected.manifests],
    ) &&
    passedTests(record, expected.tests);
  return same ? record : undefined;
}

/** Tests added or changed since (or skipped then) mean the image is tested again. */
function passedTests(record: BuildRecord, expected: readonly string[] | undefined): boolean {
  if (expected === undefined) return true;
  const tests = record.tests;
  if (tests === undefined) return expected.length === 0;
  return (
    !tests.skipped &&
    sameSet(
      tests.cases.filter((test) => test.passed).map((test) => test.fingerprint ?? test.name),
      expected,
    )
  );
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  return left.size === new Set(b).size && b.every((item) => left.has(item));
}
